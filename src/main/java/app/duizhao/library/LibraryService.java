package app.duizhao.library;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The stored articles: listing, reading and deleting them. */
@Service
@Transactional(readOnly = true)
public class LibraryService {

    private final ArticleRepository articles;
    private final ArticleAccess access;

    public LibraryService(ArticleRepository articles, ArticleAccess access) {
        this.articles = articles;
        this.access = access;
    }

    /** Every article of the current user, newest import first. */
    public List<ArticleSummary> list() {
        return articles.listSummaries(access.ownerId());
    }

    /** The current state of an article, or empty when the current user has no such article. */
    public Optional<ArticleSnapshot> snapshot(long articleId) {
        return access.find(articleId).map(LibraryService::toSnapshot);
    }

    /** How many articles the current user has. */
    public long count() {
        return articles.countByOwnerId(access.ownerId());
    }

    /** Deletes an article of the current user with its versions; returns whether it existed. */
    @Transactional
    public boolean delete(long articleId) {
        Optional<Article> article = access.find(articleId);
        if (article.isEmpty()) {
            return false;
        }
        articles.delete(article.get());
        return true;
    }

    static ArticleSnapshot toSnapshot(Article article) {
        List<ArticleSnapshot.SnapshotBlock> blocks = article.getBlocks().stream()
                .map(block -> new ArticleSnapshot.SnapshotBlock(block.getPosition(), block.getKind(), block.getText(),
                        block.getImageUrl(), block.getMachineEnglish(), block.getMachineKind(), block.getCorrectedEnglish(),
                        block.getTranslationError(), block.getNote()))
                .toList();
        return new ArticleSnapshot(article.getId(), article.getTitle(), article.getAuthor(), article.getSourceName(),
                article.getSourceUrl(), article.getPublishedAt(), splitList(article.getTags()),
                splitList(article.getCategories()), article.getLanguage(), article.getSummary(),
                article.getSummaryKind(), article.getTranslationKind(), article.getTranslationModel(), null, null,
                null, blocks);
    }

    /** Lists are stored as newline-separated text. */
    public static List<String> splitList(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        return Arrays.stream(stored.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The stored form of a list: one item a line. */
    public static String joinList(List<String> items) {
        return items == null || items.isEmpty() ? null : String.join("\n", items);
    }
}
