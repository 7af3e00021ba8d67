package app.duizhao.library;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

/** Articles. Used by the services of other features; views go through {@link LibraryService}. */
public interface ArticleRepository extends JpaRepository<Article, Long> {

    Optional<Article> findFirstByContentHash(String contentHash);

    Optional<Article> findFirstBySourceUrl(String sourceUrl);

    @Query("""
            select new app.duizhao.library.ArticleSummary(a.id, a.title, a.sourceName, a.publishedAt, a.importedAt,
                a.language, a.translationKind,
                (select count(b) from ArticleBlock b where b.article = a and b.kind <> 'image'),
                (select count(b) from ArticleBlock b where b.article = a and b.kind <> 'image'
                    and (b.machineEnglish is not null or b.correctedEnglish is not null)))
            from Article a order by a.importedAt desc, a.id desc""")
    List<ArticleSummary> listSummaries();
}
