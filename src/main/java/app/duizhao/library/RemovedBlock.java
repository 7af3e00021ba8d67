package app.duizhao.library;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** Something the cleaner removed from an article, kept for the cleaning audit. */
@Entity
@Table(name = "removed_block")
public class RemovedBlock {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "article_id")
    private Article article;

    private int position;
    private String reason;
    private String text;
    /** Where it stood: the position of the first kept block after it (see the cleaning audit); may be unknown. */
    private Integer nextBlock;

    protected RemovedBlock() {
    }

    RemovedBlock(Article article, int position, String reason, String text, Integer nextBlock) {
        this.article = article;
        this.position = position;
        this.reason = reason;
        this.text = text;
        this.nextBlock = nextBlock;
    }

    public int getPosition() { return position; }
    public String getReason() { return reason; }
    public String getText() { return text; }
    public Integer getNextBlock() { return nextBlock; }
}
