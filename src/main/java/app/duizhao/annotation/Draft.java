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
    private int blockPosition;
    private String field;
    private String text;
    private OffsetDateTime savedAt;

    protected Draft() {
    }

    Draft(long articleId, int blockPosition, DraftField field) {
        this.articleId = articleId;
        this.blockPosition = blockPosition;
        this.field = field.code();
    }

    void update(String text, OffsetDateTime now) {
        this.text = text;
        this.savedAt = now;
    }

    DraftInfo info() {
        return new DraftInfo(articleId, blockPosition, DraftField.of(field), text, savedAt);
    }
}
