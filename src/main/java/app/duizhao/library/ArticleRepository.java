package app.duizhao.library;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

/** Articles. Used by the services of other features; views go through {@link LibraryService}. */
public interface ArticleRepository extends JpaRepository<Article, Long> {

    // Every lookup is per owner: one person's articles are invisible to another (see ArticleAccess).

    Optional<Article> findByIdAndOwnerId(long id, long ownerId);

    boolean existsByIdAndOwnerId(long id, long ownerId);

    long countByOwnerId(long ownerId);

    Optional<Article> findFirstByOwnerIdAndContentHash(long ownerId, String contentHash);

    Optional<Article> findFirstByOwnerIdAndSourceUrl(long ownerId, String sourceUrl);

    @Query("""
            select new app.duizhao.library.ArticleSummary(a.id, a.title, a.sourceName, a.publishedAt, a.importedAt,
                a.language, a.translationKind,
                (select count(b) from ArticleBlock b where b.article = a and b.kind <> 'image'),
                (select count(b) from ArticleBlock b where b.article = a and b.kind <> 'image'
                    and (b.machineEnglish is not null or b.correctedEnglish is not null)))
            from Article a where a.ownerId = :ownerId order by a.importedAt desc, a.id desc""")
    List<ArticleSummary> listSummaries(long ownerId);
}
