package app.duizhao.annotation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** Unsaved text of an open editor, autosaved every few seconds so a closed tab or a crash loses little. */
@Entity
@Table(name = "draft")
class Draft {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "article_id", nullable = false)
    private long articleId;
    @Column(name = "block_id", nullable = false)
    private long blockId;
    private String field;
    private String text;
    private OffsetDateTime savedAt;

    protected Draft() {
    }

    Draft(long articleId, long blockId, DraftField field) {
        this.articleId = articleId;
        this.blockId = blockId;
        this.field = field.code();
    }

    void update(String text, OffsetDateTime now) {
        this.text = text;
        this.savedAt = now;
    }

    /** The draft as shown, on the paragraph now at {@code position}. */
    DraftInfo info(int position) {
        return new DraftInfo(articleId, position, DraftField.of(field), text, savedAt);
    }

    long getBlockId() { return blockId; }
    DraftField field() { return DraftField.of(field); }
    String text() { return text; }
}
