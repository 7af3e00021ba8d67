package app.duizhao.annotation;

import app.duizhao.library.Article;
import app.duizhao.library.ArticleAccess;
import app.duizhao.library.ArticleBlock;
import app.duizhao.library.ArticleEditor;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Notes on paragraphs and corrections of their English, with the edit count (revision) of each paragraph that
 * lets a save check nobody saved the paragraph since its editor was opened. The texts are written through the
 * library ({@link ArticleEditor}), which owns the block rows; the revisions are kept here, by block id.
 */
@Component
class Notes {

    private final ArticleAccess access;
    private final ArticleEditor editor;
    private final BlockRevisionRepository revisions;
    private final Drafts drafts;
    private final Highlights highlights;
    private final AnnotationTransactions transactions;

    Notes(ArticleAccess access, ArticleEditor editor, BlockRevisionRepository revisions, Drafts drafts,
          Highlights highlights, AnnotationTransactions transactions) {
        this.access = access;
        this.editor = editor;
        this.revisions = revisions;
        this.drafts = drafts;
        this.highlights = highlights;
        this.transactions = transactions;
    }

    /** Sets (or, when blank, removes) a paragraph's note, whatever changed meanwhile. */
    void setNote(long articleId, int position, String note) {
        transactions.write(() -> applyNote(block(articleId, position), note, null));
    }

    /** Sets the user's English of a paragraph, whatever changed meanwhile; highlights on it follow the text. */
    void correctEnglish(long articleId, int position, String english) {
        transactions.write(() -> applyEnglish(block(articleId, position), english, null));
    }

    /** See {@link AnnotationService#setNote(long, int, long, String)}. */
    long setNote(long articleId, int position, long expectedRevision, String note) {
        return transactions.write(() -> {
            ArticleBlock block = block(articleId, position);
            // The revision is read before the block's text: a save landing in between then shows as a newer text
            // (and fails the version check below), never as an older text under a newer revision.
            Optional<BlockRevision> seen = revisions.find(block.getId());
            editor.refresh(block);
            checkRevision(seen, expectedRevision, block, DraftField.NOTE, block.getNote(), note);
            applyNote(block, note, seen);
            return revisionNow(block);
        });
    }

    /** See {@link AnnotationService#appendToNote}. */
    SavedNote appendToNote(long articleId, int position, String addition) {
        return transactions.write(() -> {
            ArticleBlock block = block(articleId, position);
            Optional<BlockRevision> seen = revisions.find(block.getId());
            editor.refresh(block);
            String current = block.getNote();
            String note = current == null || current.isBlank() ? addition : current + "\n\n" + addition;
            editor.setNote(block, note);
            bump(block, seen);
            return new SavedNote(block.getNote(), revisionNow(block));
        });
    }

    /** See {@link AnnotationService#correctEnglish(long, int, long, String)}. */
    long correctEnglish(long articleId, int position, long expectedRevision, String english) {
        return transactions.write(() -> {
            ArticleBlock block = block(articleId, position);
            Optional<BlockRevision> seen = revisions.find(block.getId());
            editor.refresh(block);
            checkRevision(seen, expectedRevision, block, DraftField.ENGLISH, block.getCorrectedEnglish(), english);
            applyEnglish(block, english, seen);
            return revisionNow(block);
        });
    }

    /** Stores a note; {@code seen} is the revision the check saw (null: unchecked, whatever changed meanwhile). */
    private void applyNote(ArticleBlock block, String note, Optional<BlockRevision> seen) {
        editor.setNote(block, note);
        bump(block, seen);
        drafts.discard(block, DraftField.NOTE);
    }

    /** Stores the user's English and moves the English highlights; {@code seen} as for {@link #applyNote}. */
    private void applyEnglish(ArticleBlock block, String english, Optional<BlockRevision> seen) {
        String before = Highlights.text(block, Side.EN);
        editor.correctEnglish(block, english);
        bump(block, seen);
        drafts.discard(block, DraftField.ENGLISH);
        String after = Highlights.text(block, Side.EN);
        if (!Objects.equals(before, after)) {
            highlights.reanchor(block, Side.EN, after);
        }
    }

    /** The revision of each paragraph's English and note by position (0 for never edited), to open editors at. */
    @Transactional(readOnly = true)
    Map<Integer, Long> revisions(long articleId) {
        Map<Integer, Long> result = new HashMap<>();
        Optional<Article> article = access.find(articleId);
        if (article.isEmpty()) {
            return result;
        }
        Paragraphs paragraphs = new Paragraphs(article.get());
        for (BlockRevision revision : revisions.findByArticle(articleId)) {
            int position = paragraphs.positionOf(revision.getBlockId());
            if (position >= 0) {
                result.put(position, revision.editCount());
            }
        }
        return result;
    }

    /** The revision of one paragraph (0 for never edited). */
    @Transactional(readOnly = true)
    long revision(long articleId, int position) {
        return access.find(articleId).flatMap(a -> new Paragraphs(a).at(position)).map(this::revisionNow).orElse(0L);
    }

    /**
     * Sets how many times each paragraph's English or note was saved (the JSON import), so the count goes on from
     * there.
     */
    @Transactional
    void importRevisions(long articleId, Map<Integer, Long> editCounts) {
        Paragraphs paragraphs = new Paragraphs(access.require(articleId));
        OffsetDateTime now = OffsetDateTime.now();
        editCounts.forEach((position, count) -> paragraphs.at(position).ifPresent(block -> {
            if (count != null && count > 0 && revisions.find(block.getId()).isEmpty()) {
                revisions.save(new BlockRevision(articleId, block.getId(), now, count));
            }
        }));
    }

    private void checkRevision(Optional<BlockRevision> seen, long expected, ArticleBlock block, DraftField field,
                               String theirs, String yours) {
        long current = seen.map(BlockRevision::editCount).orElse(0L);
        String normalisedYours = Highlight.blankToNull(yours);
        if (current != expected && !Objects.equals(theirs, normalisedYours)) {
            DraftField conflict = field == DraftField.NOTE ? DraftField.CONFLICT_NOTE : DraftField.CONFLICT_ENGLISH;
            drafts.save(block, conflict, yours);
            throw new EditConflictException(block.getPosition(), field, theirs, normalisedYours, current);
        }
    }

    private long revisionNow(ArticleBlock block) {
        return revisions.find(block.getId()).map(BlockRevision::editCount).orElse(0L);
    }

    /**
     * Counts a save of the paragraph. {@code seen} is the revision a revision-checked save read before its check
     * (the same managed row, so its version column makes the update fail if another save landed since), or empty
     * when there was none then (a row found now was created by another save since: a lost race); {@code null} for
     * an unchecked save. Flushed now, so a lost race shows here and the write runs again.
     */
    void bump(ArticleBlock block, Optional<BlockRevision> seen) {
        OffsetDateTime now = OffsetDateTime.now();
        Optional<BlockRevision> existing = revisions.find(block.getId());
        if (seen != null && seen.isEmpty() && existing.isPresent()) {
            throw new OptimisticLockingFailureException("Paragraph " + (block.getPosition() + 1)
                    + " was saved meanwhile");
        }
        BlockRevision revision = existing.orElseGet(() -> new BlockRevision(block.getArticle().getId(),
                block.getId(), now));
        revision.touch(now);
        revisions.saveAndFlush(revision);
    }

    private ArticleBlock block(long articleId, int position) {
        return new Paragraphs(access.require(articleId)).require(position);
    }
}
