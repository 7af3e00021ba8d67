package app.duizhao.annotation;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** An immutable snapshot of an article: text, translation, summary and notes as they were when saved. */
@Entity
@Immutable
@Table(name = "article_version")
class ArticleVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "article_id", nullable = false)
    private long articleId;
    private int number;
    private OffsetDateTime createdAt;
    private String message;
    private String title;
    private String summary;
    private String summaryKind;
    private String summaryModel;
    private String translationKind;
    private String translationModel;
    /** The user's tags when the version was saved, one a line. */
    private String tags;

    @OneToMany(mappedBy = "version", cascade = CascadeType.ALL)
    @OrderBy("blockPosition, startOffset, id")
    private List<VersionHighlight> highlights = new ArrayList<>();

    @OneToMany(mappedBy = "version", cascade = CascadeType.ALL)
    @OrderBy("position")
    private List<VersionBlock> blocks = new ArrayList<>();

    protected ArticleVersion() {
    }

    ArticleVersion(long articleId, int number, OffsetDateTime createdAt, String message, String title,
                   String summary, String summaryKind, String summaryModel, String translationKind,
                   String translationModel) {
        this.articleId = articleId;
        this.number = number;
        this.createdAt = createdAt;
        this.message = message;
        this.title = title;
        this.summary = summary;
        this.summaryKind = summaryKind;
        this.summaryModel = summaryModel;
        this.translationKind = translationKind;
        this.translationModel = translationModel;
    }

    void addBlock(VersionBlock block) {
        block.setVersion(this);
        blocks.add(block);
    }

    void addHighlight(VersionHighlight highlight) {
        highlight.setVersion(this);
        highlights.add(highlight);
    }

    void setTags(String tags) { this.tags = tags; }
    String getTags() { return tags; }
    List<VersionHighlight> getHighlights() { return highlights; }
    String getSummaryModel() { return summaryModel; }
    long getArticleId() { return articleId; }
    int getNumber() { return number; }
    OffsetDateTime getCreatedAt() { return createdAt; }
    String getMessage() { return message; }
    String getTitle() { return title; }
    String getSummary() { return summary; }
    String getSummaryKind() { return summaryKind; }
    String getTranslationKind() { return translationKind; }
    String getTranslationModel() { return translationModel; }
    List<VersionBlock> getBlocks() { return blocks; }
}
