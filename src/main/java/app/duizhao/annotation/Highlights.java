package app.duizhao.annotation;

import app.duizhao.library.Article;
import app.duizhao.library.ArticleAccess;
import app.duizhao.library.ArticleBlock;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * Highlights with notes on either side of a paragraph, kept on the paragraph's block id and anchored by quote in its
 * current text; and the highlight notes kept from edit conflicts.
 */
@Component
class Highlights {

    private final ArticleAccess access;
    private final HighlightRepository highlights;
    private final Drafts drafts;
    private final AnnotationTransactions transactions;

    Highlights(ArticleAccess access, HighlightRepository highlights, Drafts drafts,
               AnnotationTransactions transactions) {
        this.access = access;
        this.highlights = highlights;
        this.drafts = drafts;
        this.transactions = transactions;
    }

    /** Highlights {@code [start, end)} of one side of block {@code position}, in the block's current text. */
    @Transactional
    HighlightInfo add(long articleId, int position, Side side, int start, int end, HighlightColour colour,
                      String note) {
        ArticleBlock block = new Paragraphs(access.require(articleId)).require(position);
        String text = text(block, side);
        TextAnchor.Quote quote = TextAnchor.describe(text == null ? "" : text, start, end);
        Highlight saved = highlights.save(new Highlight(articleId, block.getId(), side, quote,
                colour == null ? HighlightColour.YELLOW : colour, note, OffsetDateTime.now()));
        return info(saved, position, text);
    }

    /**
     * Stores a highlight as described by its quote (the JSON import), with its times when given; it may come back
     * orphaned.
     */
    @Transactional
    HighlightInfo add(long articleId, HighlightInfo highlight) {
        ArticleBlock block = new Paragraphs(access.require(articleId)).require(highlight.blockPosition());
        OffsetDateTime created = highlight.createdAt() != null ? highlight.createdAt() : OffsetDateTime.now();
        Highlight saved = new Highlight(articleId, block.getId(), highlight.side(), highlight.quote(),
                highlight.colour() == null ? HighlightColour.YELLOW : highlight.colour(), highlight.note(), created);
        saved.setTimes(created, highlight.updatedAt() != null ? highlight.updatedAt() : created);
        return info(highlights.save(saved), block.getPosition(), text(block, highlight.side()));
    }

    /** Changes a highlight's colour and note (blank removes the note), whatever changed meanwhile. */
    void update(long highlightId, HighlightColour colour, String note) {
        transactions.write(() -> {
            Highlight highlight = find(highlightId)
                    .orElseThrow(() -> new NoSuchElementException("No highlight " + highlightId));
            if (colour != null) {
                highlight.setColour(colour, OffsetDateTime.now());
            }
            highlight.setNote(note, OffsetDateTime.now());
        });
    }

    /** See {@link AnnotationService#updateHighlight(HighlightInfo, HighlightColour, String)}. */
    HighlightInfo update(HighlightInfo opened, HighlightColour colour, String note) {
        return transactions.write(() -> {
            Highlight stored = find(opened.id())
                    .orElseThrow(() -> new NoSuchElementException("This highlight was removed meanwhile."));
            HighlightColour storedColour = stored.getColour();
            String storedNote = stored.getNote();
            String yourNote = Highlight.blankToNull(note);
            boolean noteEdited = !Objects.equals(yourNote, opened.note());
            boolean colourEdited = colour != null && colour != opened.colour();
            boolean noteClash = noteEdited && !Objects.equals(storedNote, opened.note())
                    && !Objects.equals(storedNote, yourNote);
            boolean colourClash = colourEdited && storedColour != opened.colour() && storedColour != colour;
            HighlightColour newColour = colourEdited ? colour : storedColour;
            String newNote = noteEdited ? yourNote : storedNote;
            if (noteClash || colourClash) {
                // Kept before the conflict is reported: this transaction commits it (see AnnotationTransactions).
                keepConflictDraft(stored, newColour, newNote);
                throw new HighlightConflictException(shown(stored), newColour, newNote);
            }
            if (newColour != storedColour || !Objects.equals(newNote, storedNote)) {
                // Compare-and-set: a save that slipped in since the read above makes this change nothing, and the
                // whole write runs again (and then sees that save).
                int changed = highlights.compareAndSet(stored.getId(), storedColour.code(), storedNote,
                        newColour.code(), newNote, OffsetDateTime.now());
                if (changed != 1) {
                    throw new OptimisticLockingFailureException("Highlight " + stored.getId() + " changed meanwhile");
                }
            }
            return shown(highlights.findById(stored.getId()).orElseThrow());
        });
    }

    /** Removes a highlight and its note. */
    void delete(long highlightId) {
        transactions.write(() -> find(highlightId).ifPresent(highlights::delete));
    }

    private Optional<Highlight> find(long highlightId) {
        return highlights.findById(highlightId).filter(h -> access.exists(h.getArticleId()));
    }

    /** The article's highlights in paragraph order, anchored in the blocks' current text; lost quotes orphaned. */
    @Transactional(readOnly = true)
    List<HighlightInfo> list(long articleId) {
        Optional<Article> article = access.find(articleId);
        if (article.isEmpty()) {
            return List.of();
        }
        Paragraphs paragraphs = new Paragraphs(article.get());
        List<HighlightInfo> result = new ArrayList<>();
        for (Highlight h : highlights.findByArticle(articleId)) {
            ArticleBlock block = paragraphs.byId(h.getBlockId());
            if (block != null) {
                result.add(info(h, block.getPosition(), text(block, h.getSide())));
            }
        }
        result.sort(Comparator.comparingInt(HighlightInfo::blockPosition));
        return result;
    }

    /** The stored highlights of an article, for a restore to put back. */
    List<Highlight> stored(long articleId) {
        return highlights.findByArticle(articleId);
    }

    /** After the text of one side of a paragraph changed, moves its highlights (and their context) to the new text. */
    void reanchor(ArticleBlock block, Side side, String text) {
        for (Highlight highlight : highlights.findByArticle(block.getArticle().getId())) {
            if (highlight.getBlockId() != block.getId() || highlight.getSide() != side) {
                continue;
            }
            // An orphan keeps its old quote and context, so it can still be found if the text comes back.
            TextAnchor.resolve(text, highlight.quote())
                    .ifPresent(range -> highlight.moveTo(TextAnchor.describe(text, range.start(), range.end())));
        }
    }

    /** Saves highlights a restore put back and removes those it replaced. */
    void replace(List<Highlight> removed, List<Highlight> added) {
        highlights.deleteAll(removed);
        highlights.saveAll(added);
        highlights.flush();
    }

    // ---------------------------------------------------------------- notes kept from edit conflicts

    /** Keeps the colour and note the user wanted for a highlight that lost an edit conflict, one per highlight. */
    private void keepConflictDraft(Highlight stored, HighlightColour colour, String note) {
        ArticleBlock block = new Paragraphs(access.require(stored.getArticleId())).byId(stored.getBlockId());
        List<HighlightDrafts.Entry> entries = new ArrayList<>(conflictEntries(block));
        entries.removeIf(e -> e.highlightId() == stored.getId());
        TextAnchor.Quote quote = stored.quote();
        entries.add(new HighlightDrafts.Entry(stored.getId(), stored.getSide(), quote.exact(), quote.start(), colour,
                note));
        drafts.save(block, DraftField.HIGHLIGHT_CONFLICT, HighlightDrafts.format(entries));
    }

    private List<HighlightDrafts.Entry> conflictEntries(ArticleBlock block) {
        return drafts.text(block, DraftField.HIGHLIGHT_CONFLICT).map(HighlightDrafts::parse).orElse(List.of());
    }

    /** See {@link AnnotationService#highlightDrafts}. */
    @Transactional(readOnly = true)
    List<HighlightDraft> conflictDrafts(long articleId) {
        List<DraftInfo> kept = drafts.list(articleId).stream()
                .filter(d -> d.field() == DraftField.HIGHLIGHT_CONFLICT).toList();
        if (kept.isEmpty()) {
            return List.of();
        }
        List<HighlightInfo> live = list(articleId);
        List<HighlightDraft> result = new ArrayList<>();
        for (DraftInfo info : kept) {
            for (HighlightDrafts.Entry e : HighlightDrafts.parse(info.text())) {
                HighlightInfo current = live.stream().filter(h -> h.id() != null && h.id() == e.highlightId()
                                && h.blockPosition() == info.blockPosition()).findFirst()
                        .or(() -> live.stream().filter(h -> h.blockPosition() == info.blockPosition()
                                        && h.side() == e.side() && h.exact().equals(e.exact()))
                                .min(Comparator.comparingInt(h -> Math.abs(h.start() - e.start()))))
                        .orElse(null);
                result.add(new HighlightDraft(articleId, info.blockPosition(), e.highlightId(), e.side(), e.exact(),
                        e.colour(), e.note(), info.savedAt(), current));
            }
        }
        return result;
    }

    /** See {@link AnnotationService#discardHighlightDraft}. */
    void discardConflictDraft(long articleId, int position, long highlightId) {
        transactions.write(() -> access.find(articleId).flatMap(a -> new Paragraphs(a).at(position)).ifPresent(block -> {
            List<HighlightDrafts.Entry> entries = new ArrayList<>(conflictEntries(block));
            if (entries.removeIf(e -> e.highlightId() == highlightId)) {
                drafts.save(block, DraftField.HIGHLIGHT_CONFLICT,
                        entries.isEmpty() ? null : HighlightDrafts.format(entries));
            }
        }));
    }

    // ---------------------------------------------------------------- shown

    /** A stored highlight anchored in its paragraph's current text. */
    private HighlightInfo shown(Highlight h) {
        ArticleBlock block = access.find(h.getArticleId()).map(Paragraphs::new).map(p -> p.byId(h.getBlockId()))
                .orElse(null);
        return block == null ? info(h, -1, null) : info(h, block.getPosition(), text(block, h.getSide()));
    }

    private static HighlightInfo info(Highlight h, int position, String text) {
        TextAnchor.Quote quote = h.quote();
        Optional<TextAnchor.Range> range = TextAnchor.resolve(text, quote);
        return new HighlightInfo(h.getId(), position, h.getSide(), quote.exact(), quote.prefix(),
                quote.suffix(), range.map(TextAnchor.Range::start).orElse(quote.start()),
                range.map(TextAnchor.Range::end).orElse(quote.end()), h.getColour(), h.getNote(), range.isEmpty(),
                h.getCreatedAt(), h.getUpdatedAt());
    }

    /** The text of one side of a paragraph: the Chinese, or the English as shown (the correction, else the machine's). */
    static String text(ArticleBlock block, Side side) {
        if (side == Side.ZH) {
            return block.getText();
        }
        return block.getCorrectedEnglish() != null ? block.getCorrectedEnglish() : block.getMachineEnglish();
    }
}
