package app.duizhao.library;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

/**
 * One block of an article: its source text and, beside it, the machine English, the user's correction of it,
 * the last translation error and the user's note.
 *
 * <p>Updates write only the columns that changed: a translation saving a block's English and the user saving its
 * note at the same moment each keep the other's change (writing every column, the later one put back the earlier
 * one's stale value: the load benchmark caught notes and translated blocks going back).
 */
@Entity
@DynamicUpdate
@Table(name = "article_block")
public class ArticleBlock {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "article_id")
    private Article article;

    private int position;
    private String kind;
    private String text;
    private String imageUrl;
    private String machineEnglish;
    private String machineKind;
    private String machineModel;
    private String correctedEnglish;
    private String translationError;
    private String note;

    protected ArticleBlock() {
    }

    ArticleBlock(Article article, int position, String kind, String text, String imageUrl) {
        this.article = article;
        this.position = position;
        this.kind = kind;
        this.text = text;
        this.imageUrl = imageUrl;
    }

    public Long getId() { return id; }
    public Article getArticle() { return article; }
    public int getPosition() { return position; }
    public String getKind() { return kind; }
    public String getText() { return text; }
    public String getImageUrl() { return imageUrl; }
    public String getMachineEnglish() { return machineEnglish; }
    public String getMachineKind() { return machineKind; }
    public String getMachineModel() { return machineModel; }
    public String getCorrectedEnglish() { return correctedEnglish; }
    public String getTranslationError() { return translationError; }
    public String getNote() { return note; }

    /** Whether this block has text to translate (images have none). */
    public boolean isTranslatable() {
        return !"image".equals(kind) && text != null && !text.isBlank();
    }

    /** Stores a machine translation (or offline gloss), what produced it, and clears any earlier error. */
    void setMachineEnglish(String machineEnglish, String machineKind, String machineModel) {
        this.machineEnglish = machineEnglish;
        this.machineKind = machineKind;
        this.machineModel = machineModel;
        this.translationError = null;
    }

    /** Records why this block could not be translated; the earlier machine English, if any, stays. */
    void setTranslationError(String translationError) {
        this.translationError = translationError;
    }

    /** Sets the user's correction; blank clears it so the machine English shows again. */
    void setCorrectedEnglish(String correctedEnglish) {
        this.correctedEnglish = correctedEnglish == null || correctedEnglish.isBlank() ? null : correctedEnglish.strip();
    }

    /** Sets the user's note; blank removes it. */
    void setNote(String note) {
        this.note = note == null || note.isBlank() ? null : note.strip();
    }
}
