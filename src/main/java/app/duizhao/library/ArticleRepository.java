package app.duizhao.library;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Articles. Used by the services of other features; views go through {@link LibraryService}. */
public interface ArticleRepository extends JpaRepository<Article, Long> {

    Optional<Article> findFirstByContentHash(String contentHash);

    Optional<Article> findFirstBySourceUrl(String sourceUrl);

    /** The library rows of every article, newest import first: one grouped query, no per-row subqueries. */
    @Query("""
            select new app.duizhao.library.ArticleSummary(a.id, a.title, a.sourceName, a.publishedAt, a.importedAt,
                a.language, a.translationKind,
                coalesce(sum(case when b.kind <> 'image' then 1 else 0 end), 0L),
                coalesce(sum(case when b.kind <> 'image'
                    and (b.machineEnglish is not null or b.correctedEnglish is not null) then 1 else 0 end), 0L))
            from Article a left join a.blocks b
            group by a.id, a.title, a.sourceName, a.publishedAt, a.importedAt, a.language, a.translationKind
            order by a.importedAt desc, a.id desc""")
    List<ArticleSummary> listSummaries();

    /** The library rows of these articles (in no particular order): one grouped query for a page of ids. */
    @Query("""
            select new app.duizhao.library.ArticleSummary(a.id, a.title, a.sourceName, a.publishedAt, a.importedAt,
                a.language, a.translationKind,
                coalesce(sum(case when b.kind <> 'image' then 1 else 0 end), 0L),
                coalesce(sum(case when b.kind <> 'image'
                    and (b.machineEnglish is not null or b.correctedEnglish is not null) then 1 else 0 end), 0L))
            from Article a left join a.blocks b
            where a.id in :ids
            group by a.id, a.title, a.sourceName, a.publishedAt, a.importedAt, a.language, a.translationKind""")
    List<ArticleSummary> summariesOf(@Param("ids") Collection<Long> ids);
}
