package app.duizhao.annotation;

import app.duizhao.library.ArticleAccess;
import app.duizhao.library.ArticleBlock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Autosaved drafts: the unsaved text of open editors, and the texts kept from edit conflicts, one per paragraph
 * (by block id) and field.
 */
@Component
class Drafts {

    private final ArticleAccess access;
    private final DraftRepository drafts;
    private final AnnotationTransactions transactions;

    Drafts(ArticleAccess access, DraftRepository drafts, AnnotationTransactions transactions) {
        this.access = access;
        this.drafts = drafts;
        this.transactions = transactions;
    }

    /** Autosaves the unsaved text of an editor; blank text removes the draft. */
    void save(long articleId, int position, DraftField field, String text) {
        transactions.write(() -> save(paragraphs(articleId).require(position), field, text));
    }

    /** Saves (or, blank, removes) the draft of one field of a paragraph, in the caller's transaction. */
    void save(ArticleBlock block, DraftField field, String text) {
        Optional<Draft> existing = drafts.find(block.getId(), field.code());
        if (text == null || text.isBlank()) {
            existing.ifPresent(drafts::delete);
            return;
        }
        Draft draft = existing.orElseGet(() -> new Draft(block.getArticle().getId(), block.getId(), field));
        draft.update(text, OffsetDateTime.now());
        // Flushed now, so a draft of the same editor saved by another tab at the same instant is met here.
        drafts.saveAndFlush(draft);
    }

    /** The text of one paragraph's draft, if there is one. */
    Optional<String> text(ArticleBlock block, DraftField field) {
        return drafts.find(block.getId(), field.code()).map(Draft::text);
    }

    /** The article's drafts in paragraph order (those of paragraphs no longer in it are left out). */
    @Transactional(readOnly = true)
    List<DraftInfo> list(long articleId) {
        return access.find(articleId).map(article -> {
            Paragraphs paragraphs = new Paragraphs(article);
            return drafts.findByArticle(articleId).stream()
                    .filter(d -> paragraphs.positionOf(d.getBlockId()) >= 0)
                    .map(d -> d.info(paragraphs.positionOf(d.getBlockId())))
                    .sorted(Comparator.comparingInt(DraftInfo::blockPosition)
                            .thenComparing(d -> d.field().code()))
                    .toList();
        }).orElse(List.of());
    }

    /** Removes a draft (after it was saved or dismissed). */
    void discard(long articleId, int position, DraftField field) {
        transactions.write(() -> access.find(articleId).flatMap(a -> new Paragraphs(a).at(position))
                .ifPresent(block -> discard(block, field)));
    }

    /** Removes one paragraph's draft, in the caller's transaction. */
    void discard(ArticleBlock block, DraftField field) {
        drafts.find(block.getId(), field.code()).ifPresent(drafts::delete);
    }

    /** Stores a draft read from an export (the JSON import), with the time it was saved. */
    @Transactional
    void importDraft(long articleId, DraftInfo draft) {
        ArticleBlock block = paragraphs(articleId).require(draft.blockPosition());
        Draft stored = drafts.find(block.getId(), draft.field().code())
                .orElseGet(() -> new Draft(articleId, block.getId(), draft.field()));
        stored.update(draft.text(), draft.savedAt() != null ? draft.savedAt() : OffsetDateTime.now());
        drafts.save(stored);
    }

    private Paragraphs paragraphs(long articleId) {
        return new Paragraphs(access.require(articleId));
    }
}
