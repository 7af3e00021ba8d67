package app.duizhao.importing;

import app.duizhao.library.ArticleEditor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Set;

/**
 * The cleaning audit: what the cleaner removed from an article, and restoring a removed fragment into the article.
 *
 * <p>A restored fragment becomes a paragraph block at the place it was removed from (the position of the first kept
 * block that followed it, recorded at import); the library inserts it ({@link ArticleEditor#insertRestoredBlock}),
 * and later blocks move down one position. Everything the user and the translator attached to those blocks
 * (English, notes, highlights, drafts, edit counts) refers to the block's id, so it stays on its paragraph without
 * being rewritten; saved versions keep their own copies. The new block has no English yet, so the next Translate
 * run translates it.
 */
@Service
public class CleaningAuditService {

    /** Reasons whose text is markup or code, never article prose: shown, but not offered for restoring. */
    private static final Set<String> NOT_PROSE = Set.of("script", "style", "comment", "empty", "tracking", "embed",
            "iframe", "media-placeholder");

    private final ArticleEditor editor;

    public CleaningAuditService(ArticleEditor editor) {
        this.editor = editor;
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
    public List<RemovedItem> removed(long articleId) {
        return editor.removed(articleId).stream().map(r -> new RemovedItem(r.id(), r.reason(), r.text(),
                r.nextBlock(), isRestorable(r.reason(), r.text()))).toList();
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
        RemovedItem item = removed(articleId).stream().filter(r -> r.id() == removedId).findFirst()
                .orElseThrow(() -> new ImportException("That removed fragment is not part of this article (any more)."));
        if (!item.restorable()) {
            throw new ImportException("That fragment is markup or code (" + item.reason() + "), not text to read.");
        }
        return editor.insertRestoredBlock(articleId, removedId)
                .orElseThrow(() -> new ImportException("That removed fragment is not part of this article (any more)."))
                .getPosition();
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
