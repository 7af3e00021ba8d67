package app.duizhao.annotation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * A highlighted span of one side of a paragraph, anchored by quote with context and offsets (see {@link TextAnchor}).
 * The paragraph is named by its block id, so it stays on its paragraph wherever the paragraph moves.
 */
@Entity
@Table(name = "highlight")
class Highlight {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "article_id", nullable = false)
    private long articleId;
    @Column(name = "block_id", nullable = false)
    private long blockId;
    private String side;
    private String exact;
    private String prefix;
    private String suffix;
    private int startOffset;
    private int endOffset;
    private String colour;
    private String noteMarkdown;
    private OffsetDateTime createdAt;
    private OffsetDateTime updatedAt;

    protected Highlight() {
    }

    Highlight(long articleId, long blockId, Side side, TextAnchor.Quote quote, HighlightColour colour,
              String note, OffsetDateTime now) {
        this.articleId = articleId;
        this.blockId = blockId;
        this.side = side.code();
        this.colour = colour.code();
        this.noteMarkdown = blankToNull(note);
        this.createdAt = now;
        this.updatedAt = now;
        moveTo(quote);
    }

    void moveTo(TextAnchor.Quote quote) {
        this.exact = quote.exact();
        this.prefix = quote.prefix();
        this.suffix = quote.suffix();
        this.startOffset = quote.start();
        this.endOffset = quote.end();
    }

    /** Puts the highlight on another block (a restore puts it back on its paragraph, wherever that is now). */
    void moveToBlock(long blockId) {
        this.blockId = blockId;
    }

    void setColour(HighlightColour colour, OffsetDateTime now) {
        this.colour = colour.code();
        this.updatedAt = now;
    }

    void setNote(String note, OffsetDateTime now) {
        this.noteMarkdown = blankToNull(note);
        this.updatedAt = now;
    }

    /** Keeps the times of a highlight read from an export. */
    void setTimes(OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    Long getId() { return id; }
    long getArticleId() { return articleId; }
    long getBlockId() { return blockId; }
    Side getSide() { return Side.of(side); }
    TextAnchor.Quote quote() { return new TextAnchor.Quote(exact, prefix, suffix, startOffset, endOffset); }
    HighlightColour getColour() { return HighlightColour.of(colour); }
    String getNote() { return noteMarkdown; }
    OffsetDateTime getCreatedAt() { return createdAt; }
    OffsetDateTime getUpdatedAt() { return updatedAt; }
}
