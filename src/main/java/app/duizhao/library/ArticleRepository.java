package app.duizhao.library;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Articles. Only the library reads and writes them here; other features go through its services. */
interface ArticleRepository extends JpaRepository<Article, Long> {

    // Every lookup is per owner: one person's articles are invisible to another (see ArticleAccess).

    Optional<Article> findByIdAndOwnerId(long id, long ownerId);

    boolean existsByIdAndOwnerId(long id, long ownerId);

    long countByOwnerId(long ownerId);

    Optional<Article> findFirstByOwnerIdAndContentHash(long ownerId, String contentHash);

    Optional<Article> findFirstByOwnerIdAndSourceUrl(long ownerId, String sourceUrl);

    /** The library rows of every article, newest import first: one grouped query, no per-row subqueries. */
    @Query("""
            select new app.duizhao.library.ArticleSummary(a.id, a.title, a.sourceName, a.publishedAt, a.importedAt,
                a.language, a.translationKind,
                coalesce(sum(case when b.kind <> 'image' then 1 else 0 end), 0L),
                coalesce(sum(case when b.kind <> 'image'
                    and (b.machineEnglish is not null or b.correctedEnglish is not null) then 1 else 0 end), 0L))
            from Article a left join a.blocks b
            where a.ownerId = :ownerId
            group by a.id, a.title, a.sourceName, a.publishedAt, a.importedAt, a.language, a.translationKind
            order by a.importedAt desc, a.id desc""")
    List<ArticleSummary> listSummaries(@Param("ownerId") long ownerId);

    /** The library rows of these articles (in no particular order): one grouped query for a page of ids. */
    @Query("""
            select new app.duizhao.library.ArticleSummary(a.id, a.title, a.sourceName, a.publishedAt, a.importedAt,
                a.language, a.translationKind,
                coalesce(sum(case when b.kind <> 'image' then 1 else 0 end), 0L),
                coalesce(sum(case when b.kind <> 'image'
                    and (b.machineEnglish is not null or b.correctedEnglish is not null) then 1 else 0 end), 0L))
            from Article a left join a.blocks b
            where a.id in :ids and a.ownerId = :ownerId
            group by a.id, a.title, a.sourceName, a.publishedAt, a.importedAt, a.language, a.translationKind""")
    List<ArticleSummary> summariesOf(@Param("ids") Collection<Long> ids, @Param("ownerId") long ownerId);

    /** The outlets of one owner's articles. */
    @Query("select distinct a.sourceName from Article a where a.ownerId = :ownerId and a.sourceName is not null")
    List<String> sourcesOf(@Param("ownerId") long ownerId);

    /** The stored tag lists (one tag a line) of one owner's articles. */
    @Query("select a.tags from Article a where a.ownerId = :ownerId and a.tags is not null")
    List<String> tagListsOf(@Param("ownerId") long ownerId);
}
