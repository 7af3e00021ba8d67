package app.duizhao.importing;

import app.duizhao.library.ArticleAccess;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Set;

/**
 * The cleaning audit: what the cleaner removed from an article, and restoring a removed fragment into the article.
 *
 * <p>A restored fragment becomes a paragraph block at the place it was removed from (the position of the first kept
 * block that followed it, recorded at import). Later blocks move down one position together with their translations
 * and notes, which live on the block rows, and with their highlights, drafts and edit counts; saved versions keep
 * their own copies and are unaffected. The new block has
 * no English yet, so the next Translate run translates it.
 *
 * <p>The block shift is done in SQL because {@code (article_id, position)} is unique and must stay so at every
 * statement: positions are first moved out of the way, then back one place further.
 */
@Service
public class CleaningAuditService {

    /** Reasons whose text is markup or code, never article prose: shown, but not offered for restoring. */
    private static final Set<String> NOT_PROSE = Set.of("script", "style", "comment", "empty", "tracking", "embed",
            "iframe", "media-placeholder");
    private static final int SHIFT = 1_000_000;

    private final JdbcTemplate jdbc;
    private final ArticleAccess access;
    private final app.duizhao.library.LibraryService library;

    public CleaningAuditService(JdbcTemplate jdbc, ArticleAccess access, app.duizhao.library.LibraryService library) {
        this.jdbc = jdbc;
        this.access = access;
        this.library = library;
    }

    /**
     * Something the cleaner removed.
     *
     * @param id         its id, for {@link #restore}
     * @param reason     the cleaner's reason code ({@code ad}, {@code subscribe}, {@code related-links} …)
     * @param text       the removed text
     * @param nextBlock  the position of the block it stood before (the block count when it came last)
     * @param restorable whether it reads as prose that can be put back
     */
    public record RemovedItem(long id, String reason, String text, int nextBlock, boolean restorable) {
    }

    /** What the cleaner removed from an article, in document order. */
    @Transactional(readOnly = true)
    public List<RemovedItem> removed(long articleId) {
        if (!access.exists(articleId)) {
            return List.of();
        }
        return jdbc.query("""
                        select id, reason, text, coalesce(next_block, 0) as next_block from removed_block
                        where article_id = ? order by coalesce(next_block, 0), position""",
                (rs, row) -> {
                    String reason = rs.getString("reason");
                    String text = rs.getString("text");
                    return new RemovedItem(rs.getLong("id"), reason, text, rs.getInt("next_block"),
                            isRestorable(reason, text));
                }, articleId);
    }

    /**
     * Puts a removed fragment back into the article as a paragraph at its original place.
     *
     * @return the position of the new block
     * @throws ImportException when the fragment is not (or no longer) part of that article, or is markup rather
     *                         than text
     */
    @Transactional
    public int restore(long articleId, long removedId) {
        List<RemovedItem> found = !access.exists(articleId) ? List.of() : jdbc.query("""
                        select id, reason, text, coalesce(next_block, 0) as next_block, position from removed_block
                        where id = ? and article_id = ?""",
                (rs, row) -> new RemovedItem(rs.getLong("id"), rs.getString("reason"), rs.getString("text"),
                        rs.getInt("next_block"), isRestorable(rs.getString("reason"), rs.getString("text"))),
                removedId, articleId);
        if (found.isEmpty()) {
            throw new ImportException("That removed fragment is not part of this article (any more).");
        }
        RemovedItem item = found.getFirst();
        if (!item.restorable()) {
            throw new ImportException("That fragment is markup or code (" + item.reason() + "), not text to read.");
        }
        Integer removedPosition = jdbc.queryForObject("select position from removed_block where id = ?",
                Integer.class, removedId);
        Integer count = jdbc.queryForObject("select count(*) from article_block where article_id = ?", Integer.class,
                articleId);
        int blockCount = count == null ? 0 : count;
        int position = Math.max(0, Math.min(item.nextBlock(), blockCount));
        jdbc.update("update article_block set position = position + ? where article_id = ? and position >= ?",
                SHIFT, articleId, position);
        jdbc.update("update article_block set position = position - ? where article_id = ? and position >= ?",
                SHIFT - 1, articleId, SHIFT);
        // The user's highlights, drafts and edit counts are kept by block position: they move down with their
        // blocks (saved versions keep their own copies).
        for (String table : List.of("highlight", "draft", "block_revision")) {
            jdbc.update("update " + table + " set block_position = block_position + ? where article_id = ? "
                    + "and block_position >= ?", SHIFT, articleId, position);
            jdbc.update("update " + table + " set block_position = block_position - ? where article_id = ? "
                    + "and block_position >= ?", SHIFT - 1, articleId, SHIFT);
        }
        jdbc.update("insert into article_block (article_id, position, kind, text) values (?, ?, 'paragraph', ?)",
                articleId, position, item.text().strip());
        jdbc.update("delete from removed_block where id = ?", removedId);
        // Fragments that stood after the restored one move down with the blocks.
        jdbc.update("""
                        update removed_block set next_block = next_block + 1
                        where article_id = ? and (next_block > ? or next_block = ? and position > ?)""",
                articleId, position, position, removedPosition == null ? -1 : removedPosition);
        // Bump the optimistic lock so an editor holding the old block list reloads instead of overwriting.
        jdbc.update("update article set lock_version = lock_version + 1 where id = ?", articleId);
        // The restore writes with plain SQL, which the search index's entity listeners do not see. Called inside
        // the transaction: the index follows on commit, and other instances hear of it only if it commits.
        library.reindex(articleId);
        return position;
    }

    static boolean isRestorable(String reason, String text) {
        if (text == null || text.isBlank() || NOT_PROSE.contains(reason)) {
            return false;
        }
        String t = text.strip();
        if (t.startsWith("<") && t.endsWith(">")) {
            return false;
        }
        return t.codePoints().anyMatch(Character::isLetter);
    }
}
