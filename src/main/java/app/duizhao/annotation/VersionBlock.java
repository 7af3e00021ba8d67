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

/** One block of a saved version. */
@Entity
@Immutable
@Table(name = "version_block")
class VersionBlock {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "version_id")
    private ArticleVersion version;

    private int position;
    private String kind;
    private String text;
    private String imageUrl;
    private String machineEnglish;
    private String machineKind;
    private String machineModel;
    private String correctedEnglish;
    private String note;

    protected VersionBlock() {
    }

    VersionBlock(int position, String kind, String text, String imageUrl, String machineEnglish, String machineKind,
                 String machineModel, String correctedEnglish, String note) {
        this.position = position;
        this.kind = kind;
        this.text = text;
        this.imageUrl = imageUrl;
        this.machineEnglish = machineEnglish;
        this.machineKind = machineKind;
        this.machineModel = machineModel;
        this.correctedEnglish = correctedEnglish;
        this.note = note;
    }

    void setVersion(ArticleVersion version) { this.version = version; }
    int getPosition() { return position; }
    String getKind() { return kind; }
    String getText() { return text; }
    String getImageUrl() { return imageUrl; }
    String getMachineEnglish() { return machineEnglish; }
    String getMachineKind() { return machineKind; }
    String getMachineModel() { return machineModel; }
    String getCorrectedEnglish() { return correctedEnglish; }
    String getNote() { return note; }
}
