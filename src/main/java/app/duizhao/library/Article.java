package app.duizhao.library;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
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
@EntityListeners(ArticleIndexListener.class)
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

    public Article(String title, String language, String contentHash, OffsetDateTime importedAt) {
        this.title = title;
        this.language = language;
        this.contentHash = contentHash;
        this.importedAt = importedAt;
    }

    /** Appends a block at the next position. */
    public ArticleBlock addBlock(String kind, String text, String imageUrl) {
        ArticleBlock block = new ArticleBlock(this, blocks.size(), kind, text, imageUrl);
        blocks.add(block);
        return block;
    }

    /** Records something the cleaner removed. */
    public void addRemoved(String reason, String text) {
        addRemoved(reason, text, null);
    }

    /** Records something the cleaner removed, and where it stood: before the kept block {@code nextBlock}. */
    public void addRemoved(String reason, String text, Integer nextBlock) {
        removedBlocks.add(new RemovedBlock(this, removedBlocks.size(), reason, text, nextBlock));
    }

    public Long getId() { return id; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getAuthor() { return author; }
    public void setAuthor(String author) { this.author = author; }
    public String getSourceName() { return sourceName; }
    public void setSourceName(String sourceName) { this.sourceName = sourceName; }
    public String getSourceUrl() { return sourceUrl; }
    public void setSourceUrl(String sourceUrl) { this.sourceUrl = sourceUrl; }
    public OffsetDateTime getPublishedAt() { return publishedAt; }
    public void setPublishedAt(OffsetDateTime publishedAt) { this.publishedAt = publishedAt; }
    public String getTags() { return tags; }
    public void setTags(String tags) { this.tags = tags; }
    public String getCategories() { return categories; }
    public void setCategories(String categories) { this.categories = categories; }
    public String getLanguage() { return language; }
    public String getContentHash() { return contentHash; }
    public OffsetDateTime getImportedAt() { return importedAt; }
    public Long getOwnerId() { return ownerId; }
    public void setOwnerId(Long ownerId) { this.ownerId = ownerId; }
    public String getOriginalFileName() { return originalFileName; }
    public void setOriginalFileName(String originalFileName) { this.originalFileName = originalFileName; }
    public String getSummary() { return summary; }
    public String getSummaryKind() { return summaryKind; }
    public String getSummaryModel() { return summaryModel; }
    public String getTranslationKind() { return translationKind; }
    public String getTranslationModel() { return translationModel; }
    public long getLockVersion() { return lockVersion; }
    public List<ArticleBlock> getBlocks() { return blocks; }
    public List<RemovedBlock> getRemovedBlocks() { return removedBlocks; }

    /** Stores a finished summary and what wrote it. */
    public void setSummary(String summary, String summaryKind, String summaryModel) {
        this.summary = summary;
        this.summaryKind = summaryKind;
        this.summaryModel = summaryModel;
    }

    /** Records which engine the blocks' machine English comes from. */
    public void setTranslationEngine(String translationKind, String translationModel) {
        this.translationKind = translationKind;
        this.translationModel = translationModel;
    }
}
