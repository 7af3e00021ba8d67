package app.duizhao.annotation;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/** A highlight as it was when a version was saved. */
@Entity
@Immutable
@Table(name = "version_highlight")
class VersionHighlight {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "version_id")
    private ArticleVersion version;
    private Long highlightId;
    private int blockPosition;
    private String side;
    private String exact;
    private String prefix;
    private String suffix;
    private int startOffset;
    private int endOffset;
    private String colour;
    private String noteMarkdown;

    protected VersionHighlight() {
    }

    VersionHighlight(HighlightInfo highlight) {
        this.highlightId = highlight.id();
        this.blockPosition = highlight.blockPosition();
        this.side = highlight.side().code();
        this.exact = highlight.exact();
        this.prefix = highlight.prefix();
        this.suffix = highlight.suffix();
        this.startOffset = highlight.start();
        this.endOffset = highlight.end();
        this.colour = highlight.colour().code();
        this.noteMarkdown = highlight.note();
    }

    void setVersion(ArticleVersion version) { this.version = version; }

    HighlightInfo info(String blockText) {
        TextAnchor.Quote quote = new TextAnchor.Quote(exact, prefix, suffix, startOffset, endOffset);
        var range = TextAnchor.resolve(blockText, quote);
        return new HighlightInfo(highlightId, blockPosition, Side.of(side), exact, prefix, suffix,
                range.map(TextAnchor.Range::start).orElse(startOffset), range.map(TextAnchor.Range::end).orElse(endOffset),
                HighlightColour.of(colour), noteMarkdown, range.isEmpty(), version.getCreatedAt(), version.getCreatedAt());
    }

    int getBlockPosition() { return blockPosition; }
    Side getSide() { return Side.of(side); }
}
