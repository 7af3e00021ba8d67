package app.duizhao.annotation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;

/**
 * How many times the user's English or note of a block has been saved. An editor remembers the revision it was
 * opened at; saving checks it, so two tabs or two people never overwrite each other silently.
 */
@Entity
@Table(name = "block_revision")
class BlockRevision {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "article_id", nullable = false)
    private long articleId;
    @Column(name = "block_id", nullable = false)
    private long blockId;
    @Version
    private long revision;
    private OffsetDateTime updatedAt;

    protected BlockRevision() {
    }

    BlockRevision(long articleId, long blockId, OffsetDateTime now) {
        this.articleId = articleId;
        this.blockId = blockId;
        this.updatedAt = now;
    }

    /** A block saved {@code editCount} times before (the JSON import). */
    BlockRevision(long articleId, long blockId, OffsetDateTime now, long editCount) {
        this(articleId, blockId, now);
        this.revision = editCount - 1;
    }

    void touch(OffsetDateTime now) {
        this.updatedAt = now;
    }

    long getBlockId() { return blockId; }
    long getRevision() { return revision; }

    /** How many saves there were: the row is created (version 0) by the first one, so this is one more. */
    long editCount() { return revision + 1; }
}
