package app.duizhao.library;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.List;
import java.util.Optional;

/**
 * The stored articles: listing, searching, reading and deleting them. Searches, filters, sorts and pages go
 * through a full-text index kept in step with the database (see {@link LibraryIndex}); the rows themselves are
 * read from the database, one grouped query per page.
 */
@Service
@Transactional(readOnly = true)
public class LibraryService {

    private final ArticleRepository articles;
    private final LibraryIndex index;
    private final IndexSync sync;
    // Every listing, search and lookup is limited to the current user's articles.
    private final ArticleAccess access;
    private final ApplicationEventPublisher events;

    LibraryService(ArticleRepository articles, LibraryIndex index, IndexSync sync, ArticleAccess access,
                   ApplicationEventPublisher events) {
        this.sync = sync;
        this.articles = articles;
        this.events = events;
        this.index = index;
        this.access = access;
    }

    /** The current user's articles, newest import first. For small libraries; the library view uses {@link #search}. */
    public List<ArticleSummary> list() {
        return articles.listSummaries(access.ownerId());
    }

    /** One page of the articles that match a query, and how many match in all. */
    public LibraryPage search(LibraryQuery query) {
        long owner = access.ownerId();
        LibraryIndex.Hits hits = index.search(query, owner);
        if (hits.ids().isEmpty()) {
            return new LibraryPage(List.of(), hits.total());
        }
        Map<Long, ArticleSummary> byId = new HashMap<>();
        for (ArticleSummary summary : articles.summariesOf(hits.ids(), owner)) {
            byId.put(summary.id(), summary);
        }
        // An article deleted between the index lookup and this read is simply left out.
        List<ArticleSummary> rows = hits.ids().stream().map(byId::get).filter(Objects::nonNull).toList();
        return new LibraryPage(rows, hits.total());
    }

    /** How many articles match a query (its page is ignored). */
    public long count(LibraryQuery query) {
        return index.search(query.withPage(0, 0), access.ownerId()).total();
    }

    /** The outlets of the current user's articles, sorted, for the source filter. */
    public List<String> sources() {
        return articles.sourcesOf(access.ownerId()).stream().filter(v -> !v.isBlank())
                .distinct().sorted().toList();
    }

    /** The tags of the current user's articles, sorted, for the tag filter. */
    public List<String> tags() {
        return articles.tagListsOf(access.ownerId()).stream().flatMap(list -> splitList(list).stream())
                .distinct().sorted().toList();
    }

    /** Indexes every stored article again (the index is otherwise kept in step on its own); returns how many. */
    public int rebuildSearchIndex() {
        return index.rebuild();
    }

    /**
     * Brings an article's search entry up to date. Changes made through JPA are picked up on their own; code that
     * writes articles or blocks with plain SQL calls this after its transaction (or inside it: it runs on commit).
     */
    public void reindex(long articleId) {
        sync.changed(articleId);
    }

    /** An article as the HTTP API shows it, or empty when there is no such article. */
    public Optional<ArticleDetails> details(long articleId) {
        return access.find(articleId).map(LibraryService::toDetails);
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
        events.publishEvent(new LibraryEvent.ArticleDeleted(articleId));
        return true;
    }

    private static ArticleDetails toDetails(Article article) {
        List<ArticleDetails.Block> blocks = new ArrayList<>();
        int translatable = 0;
        int translated = 0;
        for (ArticleBlock block : article.getBlocks()) {
            String english = block.getCorrectedEnglish() != null ? block.getCorrectedEnglish()
                    : block.getMachineEnglish();
            if (!"image".equals(block.getKind())) {
                translatable++;
                if (english != null) {
                    translated++;
                }
            }
            blocks.add(new ArticleDetails.Block(block.getPosition(), block.getKind(), block.getText(), english,
                    block.getImageUrl()));
        }
        List<ArticleDetails.Removed> removed = article.getRemovedBlocks().stream()
                .map(r -> new ArticleDetails.Removed(r.getReason(), r.getText())).toList();
        return new ArticleDetails(article.getId(), article.getTitle(), article.getAuthor(), article.getSourceName(),
                article.getSourceUrl(), article.getPublishedAt(), article.getImportedAt(), article.getLanguage(),
                splitList(article.getTags()), splitList(article.getCategories()), article.getSummary(),
                article.getSummaryKind(), article.getTranslationKind(), blocks, removed, translatable, translated);
    }

    static ArticleSnapshot toSnapshot(Article article) {
        List<ArticleSnapshot.SnapshotBlock> blocks = article.getBlocks().stream()
                .map(block -> new ArticleSnapshot.SnapshotBlock(block.getPosition(), block.getKind(), block.getText(),
                        block.getImageUrl(), block.getMachineEnglish(), block.getMachineKind(), block.getCorrectedEnglish(),
                        block.getTranslationError(), block.getNote(), block.getMachineModel()))
                .toList();
        return new ArticleSnapshot(article.getId(), article.getTitle(), article.getAuthor(), article.getSourceName(),
                article.getSourceUrl(), article.getPublishedAt(), splitList(article.getTags()),
                splitList(article.getCategories()), article.getLanguage(), article.getSummary(),
                article.getSummaryKind(), article.getTranslationKind(), article.getTranslationModel(), null, null,
                null, blocks, article.getSummaryModel());
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
