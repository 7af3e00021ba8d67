package app.duizhao.library;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * An imported article: its metadata, its cleaned blocks (each with its translation and note), what the cleaner
 * removed, and its summary.
 */
@Entity
@Table(name = "article")
public class Article {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String title;
    private String author;
    private String sourceName;
    private String sourceUrl;
    private OffsetDateTime publishedAt;
    private String tags;
    private String categories;
    @Column(nullable = false)
    private String language;
    @Column(nullable = false)
    private String contentHash;
    @Column(nullable = false)
    private OffsetDateTime importedAt;
    private String originalFileName;
    /** The account that imported it ({@code app_user.id}); everything hanging off the article follows it. */
    private Long ownerId;

    private String summary;
    private String summaryKind;
    private String summaryModel;
    private String translationKind;
    private String translationModel;

    @Version
    private long lockVersion;

    @OneToMany(mappedBy = "article", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<ArticleBlock> blocks = new ArrayList<>();

    @OneToMany(mappedBy = "article", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<RemovedBlock> removedBlocks = new ArrayList<>();

    protected Article() {
    }

    Article(String title, String language, String contentHash, OffsetDateTime importedAt) {
        this.title = title;
        this.language = language;
        this.contentHash = contentHash;
        this.importedAt = importedAt;
    }

    /** Appends a block at the next position. */
    ArticleBlock addBlock(String kind, String text, String imageUrl) {
        ArticleBlock block = new ArticleBlock(this, blocks.size(), kind, text, imageUrl);
        blocks.add(block);
        return block;
    }

    /** Records something the cleaner removed. */
    void addRemoved(String reason, String text) {
        addRemoved(reason, text, null);
    }

    /** Records something the cleaner removed, and where it stood: before the kept block {@code nextBlock}. */
    void addRemoved(String reason, String text, Integer nextBlock) {
        removedBlocks.add(new RemovedBlock(this, removedBlocks.size(), reason, text, nextBlock));
    }

    public Long getId() { return id; }
    public String getTitle() { return title; }
    void setTitle(String title) { this.title = title; }
    public String getAuthor() { return author; }
    void setAuthor(String author) { this.author = author; }
    public String getSourceName() { return sourceName; }
    void setSourceName(String sourceName) { this.sourceName = sourceName; }
    public String getSourceUrl() { return sourceUrl; }
    void setSourceUrl(String sourceUrl) { this.sourceUrl = sourceUrl; }
    public OffsetDateTime getPublishedAt() { return publishedAt; }
    void setPublishedAt(OffsetDateTime publishedAt) { this.publishedAt = publishedAt; }
    public String getTags() { return tags; }
    void setTags(String tags) { this.tags = tags; }
    public String getCategories() { return categories; }
    void setCategories(String categories) { this.categories = categories; }
    public String getLanguage() { return language; }
    public String getContentHash() { return contentHash; }
    public OffsetDateTime getImportedAt() { return importedAt; }
    public Long getOwnerId() { return ownerId; }
    void setOwnerId(Long ownerId) { this.ownerId = ownerId; }
    public String getOriginalFileName() { return originalFileName; }
    void setOriginalFileName(String originalFileName) { this.originalFileName = originalFileName; }
    public String getSummary() { return summary; }
    public String getSummaryKind() { return summaryKind; }
    public String getSummaryModel() { return summaryModel; }
    public String getTranslationKind() { return translationKind; }
    public String getTranslationModel() { return translationModel; }
    public long getLockVersion() { return lockVersion; }
    public List<ArticleBlock> getBlocks() { return blocks; }
    public List<RemovedBlock> getRemovedBlocks() { return removedBlocks; }

    /** Stores a finished summary and what wrote it. */
    void setSummary(String summary, String summaryKind, String summaryModel) {
        this.summary = summary;
        this.summaryKind = summaryKind;
        this.summaryModel = summaryModel;
    }

    /** Records which engine the blocks' machine English comes from. */
    void setTranslationEngine(String translationKind, String translationModel) {
        this.translationKind = translationKind;
        this.translationModel = translationModel;
    }
}
