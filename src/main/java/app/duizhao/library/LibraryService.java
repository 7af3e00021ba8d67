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

    public LibraryService(ArticleRepository articles) {
        this.articles = articles;
    }

    /** Every stored article, newest import first. */
    public List<ArticleSummary> list() {
        return articles.listSummaries();
    }

    /** The current state of an article, or empty when there is no such article. */
    public Optional<ArticleSnapshot> snapshot(long articleId) {
        return articles.findById(articleId).map(LibraryService::toSnapshot);
    }

    /** How many articles are stored. */
    public long count() {
        return articles.count();
    }

    /** Deletes an article with its versions; returns whether it existed. */
    @Transactional
    public boolean delete(long articleId) {
        if (!articles.existsById(articleId)) {
            return false;
        }
        articles.deleteById(articleId);
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
