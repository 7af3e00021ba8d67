package app.duizhao.annotation;

import app.duizhao.library.Article;
import app.duizhao.library.ArticleAccess;
import app.duizhao.library.ArticleBlock;
import app.duizhao.library.ArticleRepository;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import app.duizhao.library.LibraryService;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The user's work on an article: notes on paragraphs, corrections of the English, highlights with notes on either
 * side, tags, autosaved drafts, and immutable saved versions with their history, comparison and restore.
 *
 * <p>Two tabs or two people may save the same thing at the same instant. Every method that writes runs in a
 * transaction of its own and, when it loses such a race (an optimistic-lock failure, a unique key taken by the
 * other save, a lock timeout), runs again from the start: a revision-checked save then sees the other save and
 * ends in an {@link EditConflictException} with both texts kept, never in a database exception and never in a
 * silent overwrite. Called inside a caller's transaction, a method joins it and cannot run again; the caller's
 * transaction then decides.
 */
@Service
public class AnnotationService {

    /** The longest tag kept; longer ones are cut. */
    static final int MAX_TAG = 100;
    /** How many times a write that lost a race with a concurrent one is run. */
    static final int MAX_ATTEMPTS = 8;

    private final ArticleRepository articles;
    // Every article id that comes in is checked here first: another user's article is a missing one.
    private final ArticleAccess access;
    private final LibraryService library;
    private final VersionRepository versions;
    private final HighlightRepository highlights;
    private final TagRepository tags;
    private final DraftRepository drafts;
    private final BlockRevisionRepository revisions;
    private final TransactionTemplate transactions;
    private final AtomicLong lostRaces = new AtomicLong();
    private final Clock clock = Clock.systemUTC();

    AnnotationService(ArticleRepository articles, ArticleAccess access, LibraryService library,
                      VersionRepository versions, HighlightRepository highlights, TagRepository tags,
                      DraftRepository drafts, BlockRevisionRepository revisions,
                      PlatformTransactionManager transactionManager) {
        this.articles = articles;
        this.access = access;
        this.library = library;
        this.versions = versions;
        this.highlights = highlights;
        this.tags = tags;
        this.drafts = drafts;
        this.revisions = revisions;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    // ---------------------------------------------------------------- concurrent writes

    /** What one attempt of a write ended with: its value, or an edit conflict to report once it is committed. */
    private record Attempt<T>(T value, EditConflictException conflict) {
    }

    /**
     * Runs {@code change} in a transaction of its own, again (up to {@link #MAX_ATTEMPTS} times, after a short
     * random pause) whenever it lost a race with a concurrent write of the same rows; inside a caller's
     * transaction it simply runs in it. An {@link EditConflictException} is thrown after the transaction
     * committed, so the conflict draft it saved is kept.
     *
     * @throws IllegalStateException when it lost the race every time (nothing was saved)
     */
    private <T> T write(Supplier<T> change) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return change.get();
        }
        for (int attempt = 1; ; attempt++) {
            Attempt<T> done;
            try {
                done = transactions.execute(status -> {
                    try {
                        return new Attempt<>(change.get(), null);
                    } catch (EditConflictException conflict) {
                        return new Attempt<>(null, conflict);
                    }
                });
            } catch (RuntimeException e) {
                if (!ConcurrentWrites.lostRace(e)) {
                    throw e;
                }
                lostRaces.incrementAndGet();
                if (attempt >= MAX_ATTEMPTS) {
                    throw new IllegalStateException("The article was being changed elsewhere at the same moment, "
                            + "so this change was not saved. Please try again.", e);
                }
                ConcurrentWrites.pause(attempt);
                continue;
            }
            if (done.conflict() != null) {
                throw done.conflict();
            }
            return done.value();
        }
    }

    /** How many write attempts lost a race and ran again since start (for tests and diagnostics). */
    long lostRaces() {
        return lostRaces.get();
    }

    private void write(Runnable change) {
        write(() -> {
            change.run();
            return null;
        });
    }

    // ---------------------------------------------------------------- notes and corrections

    /** Sets (or, when blank, removes) the note on block {@code position}, whatever changed meanwhile. */
    public void setNote(long articleId, int position, String note) {
        write(() -> applyNote(block(articleId, position), note, null));
    }

    /**
     * Sets the user's English for block {@code position}; the machine output stays beside it. Blank removes the
     * correction. Highlights on the English follow the text.
     */
    public void correctEnglish(long articleId, int position, String english) {
        write(() -> applyEnglish(block(articleId, position), english, null));
    }

    /**
     * Sets the note on block {@code position} if nobody saved the block since the editor was opened at
     * {@code expectedRevision}; returns the new revision.
     *
     * @throws EditConflictException when someone else saved it meanwhile, also at the same instant: nothing is
     *                               overwritten, and the user's text is kept as a {@link DraftField#CONFLICT_NOTE}
     *                               draft
     */
    public long setNote(long articleId, int position, long expectedRevision, String note) {
        return write(() -> {
            // The revision is read before the block: a save landing in between then shows as a newer text (and
            // fails the version check below), never as an older text under a newer revision.
            Optional<BlockRevision> seen = revisions.find(articleId, position);
            ArticleBlock block = block(articleId, position);
            checkRevision(seen, expectedRevision, block, DraftField.NOTE, block.getNote(), note);
            applyNote(block, note, seen);
            return revisionNow(articleId, position);
        });
    }

    /**
     * Adds {@code addition} as a new paragraph at the end of block {@code position}'s note, to the note as it is at
     * that moment (so nothing another tab or user saved meanwhile is overwritten), and returns the whole new note.
     * The block's revision moves on, so an editor opened on the old note gets a conflict instead of overwriting this;
     * a note draft in progress is kept.
     */
    public SavedNote appendToNote(long articleId, int position, String addition) {
        return write(() -> {
            Optional<BlockRevision> seen = revisions.find(articleId, position);
            ArticleBlock block = block(articleId, position);
            String current = block.getNote();
            String note = current == null || current.isBlank() ? addition : current + "\n\n" + addition;
            block.setNote(note);
            bump(articleId, position, seen);
            return new SavedNote(note, revisionNow(articleId, position));
        });
    }

    /**
     * Sets the user's English of block {@code position} if nobody saved the block since the editor was opened at
     * {@code expectedRevision}; returns the new revision.
     *
     * @throws EditConflictException when someone else saved it meanwhile, also at the same instant: nothing is
     *                               overwritten, and the user's text is kept as a
     *                               {@link DraftField#CONFLICT_ENGLISH} draft
     */
    public long correctEnglish(long articleId, int position, long expectedRevision, String english) {
        return write(() -> {
            Optional<BlockRevision> seen = revisions.find(articleId, position);
            ArticleBlock block = block(articleId, position);
            checkRevision(seen, expectedRevision, block, DraftField.ENGLISH, block.getCorrectedEnglish(), english);
            applyEnglish(block, english, seen);
            return revisionNow(articleId, position);
        });
    }

    /** Stores a note; {@code seen} is the revision the check saw (null: unchecked, whatever changed meanwhile). */
    private void applyNote(ArticleBlock block, String note, Optional<BlockRevision> seen) {
        long articleId = block.getArticle().getId();
        block.setNote(note);
        bump(articleId, block.getPosition(), seen);
        discardDraft(articleId, block.getPosition(), DraftField.NOTE);
    }

    /** Stores the user's English and moves the English highlights; {@code seen} as for {@link #applyNote}. */
    private void applyEnglish(ArticleBlock block, String english, Optional<BlockRevision> seen) {
        long articleId = block.getArticle().getId();
        String before = block.getCorrectedEnglish() != null ? block.getCorrectedEnglish() : block.getMachineEnglish();
        block.setCorrectedEnglish(english);
        bump(articleId, block.getPosition(), seen);
        discardDraft(articleId, block.getPosition(), DraftField.ENGLISH);
        String after = block.getCorrectedEnglish() != null ? block.getCorrectedEnglish() : block.getMachineEnglish();
        if (!Objects.equals(before, after)) {
            reanchor(articleId, block.getPosition(), Side.EN, after);
        }
    }

    /** The revision of each block's English and note (0 for never edited), to open editors at. */
    @Transactional(readOnly = true)
    public Map<Integer, Long> revisions(long articleId) {
        Map<Integer, Long> result = new HashMap<>();
        if (!access.exists(articleId)) {
            return result;
        }
        for (BlockRevision revision : revisions.findByArticle(articleId)) {
            result.put(revision.getBlockPosition(), revision.editCount());
        }
        return result;
    }

    /** The revision of one block (0 for never edited). */
    @Transactional(readOnly = true)
    public long revision(long articleId, int position) {
        if (!access.exists(articleId)) {
            return 0L;
        }
        return revisions.find(articleId, position).map(BlockRevision::editCount).orElse(0L);
    }

    private void checkRevision(Optional<BlockRevision> seen, long expected, ArticleBlock block, DraftField field,
                               String theirs, String yours) {
        long current = seen.map(BlockRevision::editCount).orElse(0L);
        String normalisedYours = Highlight.blankToNull(yours);
        if (current != expected && !Objects.equals(theirs, normalisedYours)) {
            DraftField conflict = field == DraftField.NOTE ? DraftField.CONFLICT_NOTE : DraftField.CONFLICT_ENGLISH;
            saveDraft(block.getArticle().getId(), block.getPosition(), conflict, yours);
            throw new EditConflictException(block.getPosition(), field, theirs, normalisedYours, current);
        }
    }

    private long revisionNow(long articleId, int position) {
        return revisions.find(articleId, position).map(BlockRevision::editCount).orElse(0L);
    }

    /**
     * Counts a save of the block. {@code seen} is the revision a revision-checked save read before its check (the
     * same managed row, so its version column makes the update fail if another save landed since), or empty when
     * there was none then (a row found now was created by another save since: a lost race); {@code null} for an
     * unchecked save. Flushed now, so a lost race shows here and the write runs again.
     */
    private void bump(long articleId, int position, Optional<BlockRevision> seen) {
        OffsetDateTime now = now();
        Optional<BlockRevision> existing = revisions.find(articleId, position);
        if (seen != null && seen.isEmpty() && existing.isPresent()) {
            throw new OptimisticLockingFailureException("Paragraph " + (position + 1) + " was saved meanwhile");
        }
        BlockRevision revision = existing.orElseGet(() -> new BlockRevision(articleId, position, now));
        revision.touch(now);
        revisions.saveAndFlush(revision);
    }

    // ---------------------------------------------------------------- highlights

    /**
     * Highlights {@code [start, end)} of one side of block {@code position}, in the block's current text.
     *
     * @throws IllegalArgumentException when the range is not inside that text
     */
    @Transactional
    public HighlightInfo addHighlight(long articleId, int position, Side side, int start, int end,
                                      HighlightColour colour, String note) {
        String text = text(block(articleId, position), side);
        TextAnchor.Quote quote = TextAnchor.describe(text == null ? "" : text, start, end);
        Highlight saved = highlights.save(new Highlight(articleId, position, side, quote,
                colour == null ? HighlightColour.YELLOW : colour, note, now()));
        return info(saved, text);
    }

    /** Stores a highlight as described by its quote (used by the JSON import); it may come back orphaned. */
    @Transactional
    public HighlightInfo addHighlight(long articleId, int position, Side side, TextAnchor.Quote quote,
                                      HighlightColour colour, String note) {
        article(articleId);
        Highlight saved = highlights.save(new Highlight(articleId, position, side, quote, colour, note, now()));
        return access.find(articleId).flatMap(a -> a.getBlocks().stream()
                        .filter(b -> b.getPosition() == position).findFirst())
                .map(b -> info(saved, text(b, side))).orElseGet(() -> info(saved, null));
    }

    /** Changes a highlight's colour and note (blank removes the note), whatever changed meanwhile. */
    public void updateHighlight(long highlightId, HighlightColour colour, String note) {
        write(() -> {
            Highlight highlight = highlights.findById(highlightId).filter(h -> access.exists(h.getArticleId()))
                    .orElseThrow(() -> new NoSuchElementException("No highlight " + highlightId));
            if (colour != null) {
                highlight.setColour(colour, now());
            }
            highlight.setNote(note, now());
        });
    }

    /**
     * Changes a highlight's colour and note as edited from {@code opened}, the highlight as the editor showed it.
     * What the user did not change (colour or note equal to {@code opened}'s) stays as stored now, so a change
     * made elsewhere to it is kept; what the user changed is saved unless someone else changed that too since
     * {@code opened}, also at the same instant.
     *
     * @param colour the new colour, or {@code null} to leave it
     * @param note   the note as edited (blank removes it)
     * @return the highlight as stored now
     * @throws HighlightConflictException when someone else changed the same thing meanwhile: nothing is
     *                                    overwritten, the exception carries both versions, and the user's colour
     *                                    and note are kept as a {@link DraftField#HIGHLIGHT_CONFLICT} draft (see
     *                                    {@link #highlightDrafts})
     * @throws NoSuchElementException     when the highlight was removed meanwhile
     */
    public HighlightInfo updateHighlight(HighlightInfo opened, HighlightColour colour, String note) {
        return write(() -> {
            Highlight stored = highlights.findById(opened.id()).filter(h -> access.exists(h.getArticleId()))
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
                // Kept before the conflict is reported: this transaction commits it (see write).
                keepHighlightDraft(stored, newColour, newNote);
                throw new HighlightConflictException(highlight(stored), newColour, newNote);
            }
            if (newColour != storedColour || !Objects.equals(newNote, storedNote)) {
                // Compare-and-set: a save that slipped in since the read above makes this change nothing, and the
                // whole write runs again (and then sees that save).
                int changed = highlights.compareAndSet(stored.getId(), storedColour.code(), storedNote,
                        newColour.code(), newNote, now());
                if (changed != 1) {
                    throw new OptimisticLockingFailureException("Highlight " + stored.getId() + " changed meanwhile");
                }
            }
            return highlight(highlights.findById(stored.getId()).orElseThrow());
        });
    }

    /** Removes a highlight and its note. */
    public void deleteHighlight(long highlightId) {
        write(() -> highlights.findById(highlightId).filter(h -> access.exists(h.getArticleId()))
                .ifPresent(highlights::delete));
    }

    /** A stored highlight anchored in its block's current text. */
    private HighlightInfo highlight(Highlight h) {
        return access.find(h.getArticleId()).flatMap(a -> a.getBlocks().stream()
                        .filter(b -> b.getPosition() == h.getBlockPosition()).findFirst())
                .map(b -> info(h, text(b, h.getSide()))).orElseGet(() -> info(h, null));
    }

    /** The article's highlights, anchored in the blocks' current text; those whose quote is gone are orphaned. */
    @Transactional(readOnly = true)
    public List<HighlightInfo> highlights(long articleId) {
        Optional<Article> article = access.find(articleId);
        if (article.isEmpty()) {
            return List.of();
        }
        Map<Integer, ArticleBlock> blocks = article.get().getBlocks().stream()
                .collect(Collectors.toMap(ArticleBlock::getPosition, Function.identity()));
        return highlights.findByArticle(articleId).stream().map(h -> {
            ArticleBlock block = blocks.get(h.getBlockPosition());
            return info(h, block == null ? null : text(block, h.getSide()));
        }).toList();
    }

    /** After the text of one side of a block changed, moves its highlights (and their context) to the new text. */
    private void reanchor(long articleId, int position, Side side, String text) {
        for (Highlight highlight : highlights.findByArticle(articleId)) {
            if (highlight.getBlockPosition() != position || highlight.getSide() != side) {
                continue;
            }
            // An orphan keeps its old quote and context, so it can still be found if the text comes back.
            TextAnchor.resolve(text, highlight.quote())
                    .ifPresent(range -> highlight.moveTo(TextAnchor.describe(text, range.start(), range.end())));
        }
    }

    private static HighlightInfo info(Highlight h, String text) {
        TextAnchor.Quote quote = h.quote();
        Optional<TextAnchor.Range> range = TextAnchor.resolve(text, quote);
        return new HighlightInfo(h.getId(), h.getBlockPosition(), h.getSide(), quote.exact(), quote.prefix(),
                quote.suffix(), range.map(TextAnchor.Range::start).orElse(quote.start()),
                range.map(TextAnchor.Range::end).orElse(quote.end()), h.getColour(), h.getNote(), range.isEmpty(),
                h.getCreatedAt(), h.getUpdatedAt());
    }

    static String text(ArticleBlock block, Side side) {
        if (side == Side.ZH) {
            return block.getText();
        }
        return block.getCorrectedEnglish() != null ? block.getCorrectedEnglish() : block.getMachineEnglish();
    }

    static String text(SnapshotBlock block, Side side) {
        return side == Side.ZH ? block.text() : block.english();
    }

    // ---------------------------------------------------------------- tags

    /** The user's tags on an article, sorted. */
    @Transactional(readOnly = true)
    public List<String> tags(long articleId) {
        if (!access.exists(articleId)) {
            return List.of();
        }
        return tags.findByArticle(articleId).stream().map(ArticleTag::getTag).toList();
    }

    /** Every article's tags, by article id (for the library). */
    @Transactional(readOnly = true)
    public Map<Long, List<String>> allTags() {
        Map<Long, List<String>> result = new TreeMap<>();
        java.util.Set<Long> mine = library.list().stream().map(app.duizhao.library.ArticleSummary::id)
                .collect(Collectors.toSet());
        for (ArticleTag tag : tags.findAllOrdered()) {
            if (!mine.contains(tag.getArticleId())) {
                continue;
            }
            result.computeIfAbsent(tag.getArticleId(), id -> new ArrayList<>()).add(tag.getTag());
        }
        return result;
    }

    /** Replaces the user's tags on an article; returns them as stored (trimmed, without '#', no duplicates). */
    public List<String> setTags(long articleId, Collection<String> newTags) {
        return write(() -> {
            article(articleId);
            List<String> normalised = normaliseTags(newTags);
            tags.deleteByArticle(articleId);
            tags.flush();
            for (String tag : normalised) {
                tags.save(new ArticleTag(articleId, tag));
            }
            return normalised.stream().sorted().toList();
        });
    }

    /** Splits "a, b ,#c" into tags. */
    public static List<String> parseTags(String text) {
        if (text == null) {
            return List.of();
        }
        return normaliseTags(List.of(text.split("[,，;；\\n]")));
    }

    static List<String> normaliseTags(Collection<String> raw) {
        Set<String> seen = new LinkedHashSet<>();
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String tag : raw == null ? List.<String>of() : raw) {
            if (tag == null) {
                continue;
            }
            String cleaned = tag.strip().replaceFirst("^#+", "").replaceAll("\\s+", " ").strip();
            if (cleaned.length() > MAX_TAG) {
                cleaned = cleaned.substring(0, MAX_TAG).strip();
            }
            if (!cleaned.isEmpty() && seen.add(cleaned.toLowerCase(Locale.ROOT))) {
                byKey.put(cleaned.toLowerCase(Locale.ROOT), cleaned);
            }
        }
        return List.copyOf(byKey.values());
    }

    // ---------------------------------------------------------------- drafts

    /** Autosaves the unsaved text of an editor; blank text removes the draft. */
    public void saveDraft(long articleId, int position, DraftField field, String text) {
        write(() -> {
            access.require(articleId);
            Optional<Draft> existing = drafts.find(articleId, position, field.code());
            if (text == null || text.isBlank()) {
                existing.ifPresent(drafts::delete);
                return;
            }
            Draft draft = existing.orElseGet(() -> new Draft(articleId, position, field));
            draft.update(text, now());
            // Flushed now, so a draft of the same editor saved by another tab at the same instant is met here.
            drafts.saveAndFlush(draft);
        });
    }

    /** The article's drafts: unsaved editor text and texts kept from edit conflicts. */
    @Transactional(readOnly = true)
    public List<DraftInfo> drafts(long articleId) {
        if (!access.exists(articleId)) {
            return List.of();
        }
        return drafts.findByArticle(articleId).stream().map(Draft::info).toList();
    }

    /** Removes a draft (after it was saved or dismissed). */
    public void discardDraft(long articleId, int position, DraftField field) {
        write(() -> {
            if (!access.exists(articleId)) {
                return;
            }
            drafts.find(articleId, position, field.code()).ifPresent(drafts::delete);
        });
    }

    /** Keeps the colour and note the user wanted for a highlight that lost an edit conflict, one per highlight. */
    private void keepHighlightDraft(Highlight stored, HighlightColour colour, String note) {
        long articleId = stored.getArticleId();
        int position = stored.getBlockPosition();
        List<HighlightDrafts.Entry> entries = new ArrayList<>(highlightDraftEntries(articleId, position));
        entries.removeIf(e -> e.highlightId() == stored.getId());
        TextAnchor.Quote quote = stored.quote();
        entries.add(new HighlightDrafts.Entry(stored.getId(), stored.getSide(), quote.exact(), quote.start(), colour,
                note));
        saveDraft(articleId, position, DraftField.HIGHLIGHT_CONFLICT, HighlightDrafts.format(entries));
    }

    private List<HighlightDrafts.Entry> highlightDraftEntries(long articleId, int position) {
        return drafts.find(articleId, position, DraftField.HIGHLIGHT_CONFLICT.code())
                .map(d -> HighlightDrafts.parse(d.info().text())).orElse(List.of());
    }

    /**
     * The highlight notes kept from edit conflicts (the {@link DraftField#HIGHLIGHT_CONFLICT} drafts), each with
     * the highlight it is for as stored now: the one with the recorded id, else (after an import gave it a new
     * id) the one with the same quote on the same block and side, else none (it was removed).
     */
    @Transactional(readOnly = true)
    public List<HighlightDraft> highlightDrafts(long articleId) {
        if (!access.exists(articleId)) {
            return List.of();
        }
        List<Draft> kept = drafts.findByArticle(articleId).stream()
                .filter(d -> d.info().field() == DraftField.HIGHLIGHT_CONFLICT).toList();
        if (kept.isEmpty()) {
            return List.of();
        }
        List<HighlightInfo> live = highlights(articleId);
        List<HighlightDraft> result = new ArrayList<>();
        for (Draft draft : kept) {
            DraftInfo info = draft.info();
            for (HighlightDrafts.Entry e : HighlightDrafts.parse(info.text())) {
                HighlightInfo current = live.stream().filter(h -> h.id() != null && h.id() == e.highlightId()
                                && h.blockPosition() == info.blockPosition()).findFirst()
                        .or(() -> live.stream().filter(h -> h.blockPosition() == info.blockPosition()
                                        && h.side() == e.side() && h.exact().equals(e.exact()))
                                .min(java.util.Comparator.comparingInt(h -> Math.abs(h.start() - e.start()))))
                        .orElse(null);
                result.add(new HighlightDraft(articleId, info.blockPosition(), e.highlightId(), e.side(), e.exact(),
                        e.colour(), e.note(), info.savedAt(), current));
            }
        }
        return result;
    }

    /**
     * Removes the note kept from an edit conflict for highlight {@code highlightId} (its
     * {@link HighlightDraft#highlightId()}) on block {@code position}, after it was used or dismissed.
     */
    public void discardHighlightDraft(long articleId, int position, long highlightId) {
        write(() -> {
            if (!access.exists(articleId)) {
                return;
            }
            List<HighlightDrafts.Entry> entries = new ArrayList<>(highlightDraftEntries(articleId, position));
            if (entries.removeIf(e -> e.highlightId() == highlightId)) {
                saveDraft(articleId, position, DraftField.HIGHLIGHT_CONFLICT,
                        entries.isEmpty() ? null : HighlightDrafts.format(entries));
            }
        });
    }

    // ---------------------------------------------------------------- versions

    /** Saves the article as it is now, with its highlights and tags, as a new immutable version. */
    public VersionInfo saveVersion(long articleId, String message) {
        // Two tabs saving at the same instant both take the next number; the second runs again and takes the one after.
        return write(() -> saveVersionNow(articleId, message));
    }

    private VersionInfo saveVersionNow(long articleId, String message) {
        Article article = article(articleId);
        int number = versions.lastNumber(articleId) + 1;
        String trimmed = message == null || message.isBlank() ? null : message.strip();
        ArticleVersion version = new ArticleVersion(articleId, number, now(), trimmed,
                article.getTitle(), article.getSummary(), article.getSummaryKind(), article.getSummaryModel(),
                article.getTranslationKind(), article.getTranslationModel());
        for (ArticleBlock block : article.getBlocks()) {
            version.addBlock(new VersionBlock(block.getPosition(), block.getKind(), block.getText(),
                    block.getImageUrl(), block.getMachineEnglish(), block.getMachineKind(), block.getMachineModel(),
                    block.getCorrectedEnglish(), block.getNote()));
        }
        for (HighlightInfo highlight : highlights(articleId)) {
            version.addHighlight(new VersionHighlight(highlight));
        }
        version.setTags(LibraryService.joinList(tags(articleId)));
        return info(versions.saveAndFlush(version));
    }

    /**
     * Recreates a saved version from an export (the JSON import): same number, time, message, models, blocks,
     * highlights (with the ids of the live highlights they were copied from, as given) and tags.
     */
    @Transactional
    public VersionInfo importVersion(long articleId, AnnotatedArticle saved) {
        ArticleSnapshot s = saved.snapshot();
        article(articleId);
        ArticleVersion version = new ArticleVersion(articleId, s.versionNumber(), s.savedAt(), s.message(),
                s.title(), s.summary(), s.summaryKind(), s.summaryModel(), s.translationKind(),
                s.translationModel());
        for (SnapshotBlock block : s.blocks()) {
            version.addBlock(new VersionBlock(block.position(), block.kind(), block.text(), block.imageUrl(),
                    block.machineEnglish(), block.machineKind(), block.machineModel(), block.correctedEnglish(),
                    block.note()));
        }
        for (HighlightInfo highlight : saved.highlights()) {
            version.addHighlight(new VersionHighlight(highlight));
        }
        version.setTags(LibraryService.joinList(saved.userTags()));
        return info(versions.save(version));
    }

    /**
     * Stores a highlight read from an export (the JSON import) with its quote, colour, note and times; it comes
     * back orphaned when its quote is not in the block's text.
     */
    @Transactional
    public HighlightInfo importHighlight(long articleId, HighlightInfo highlight) {
        article(articleId);
        OffsetDateTime created = highlight.createdAt() != null ? highlight.createdAt() : now();
        Highlight saved = new Highlight(articleId, highlight.blockPosition(), highlight.side(), highlight.quote(),
                highlight.colour() == null ? HighlightColour.YELLOW : highlight.colour(), highlight.note(), created);
        saved.setTimes(created, highlight.updatedAt() != null ? highlight.updatedAt() : created);
        return highlight(highlights.save(saved));
    }

    /** Stores a draft read from an export (the JSON import), with the time it was saved. */
    @Transactional
    public void importDraft(long articleId, DraftInfo draft) {
        article(articleId);
        Draft stored = drafts.find(articleId, draft.blockPosition(), draft.field().code())
                .orElseGet(() -> new Draft(articleId, draft.blockPosition(), draft.field()));
        stored.update(draft.text(), draft.savedAt() != null ? draft.savedAt() : now());
        drafts.save(stored);
    }

    /**
     * Sets how many times each block's English or note was saved (the JSON import: {@link #revisions} of the
     * exported article), so the count goes on from there.
     */
    @Transactional
    public void importRevisions(long articleId, Map<Integer, Long> editCounts) {
        article(articleId);
        OffsetDateTime now = now();
        editCounts.forEach((position, count) -> {
            if (count != null && count > 0 && revisions.find(articleId, position).isEmpty()) {
                revisions.save(new BlockRevision(articleId, position, now, count));
            }
        });
    }

    /** The saved versions of an article, newest first. */
    @Transactional(readOnly = true)
    public List<VersionInfo> versions(long articleId) {
        if (!access.exists(articleId)) {
            return List.of();
        }
        return versions.findByArticleIdOrderByNumberDesc(articleId).stream().map(AnnotationService::info).toList();
    }

    /** A saved version, read-only, or empty when there is none with that number. */
    @Transactional(readOnly = true)
    public Optional<ArticleSnapshot> version(long articleId, int number) {
        return annotated(articleId, number).map(AnnotatedArticle::snapshot);
    }

    /**
     * The article with its highlights and tags: its current state ({@code number} null) or a saved version;
     * empty when there is no such article or version.
     */
    @Transactional(readOnly = true)
    public Optional<AnnotatedArticle> annotated(long articleId, Integer number) {
        Optional<Article> article = access.find(articleId);
        if (article.isEmpty()) {
            return Optional.empty();
        }
        if (number == null) {
            ArticleSnapshot snapshot = library.snapshot(articleId).orElseThrow();
            return Optional.of(new AnnotatedArticle(snapshot, highlights(articleId), tags(articleId)));
        }
        return versions.findByArticleIdAndNumber(articleId, number).map(version -> annotated(article.get(), version));
    }

    /**
     * Compares two saved versions block by block: text, English, note, and highlights added, removed or changed.
     *
     * @throws NoSuchElementException when either version does not exist
     */
    @Transactional(readOnly = true)
    public VersionDiff compare(long articleId, int from, int to) {
        return compare(articleId, Integer.valueOf(from), Integer.valueOf(to));
    }

    /**
     * Compares two states of an article block by block: a saved version by its number, or the current working
     * state (unsaved edits included) by {@code null}. The diff names the current state {@link VersionDiff#CURRENT}.
     *
     * @throws NoSuchElementException when the article or either version does not exist
     */
    @Transactional(readOnly = true)
    public VersionDiff compare(long articleId, Integer from, Integer to) {
        AnnotatedArticle a = annotated(articleId, from).orElseThrow(() -> missing(articleId, from));
        AnnotatedArticle b = annotated(articleId, to).orElseThrow(() -> missing(articleId, to));
        return VersionComparer.compare(from == null ? VersionDiff.CURRENT : from,
                to == null ? VersionDiff.CURRENT : to, a, b);
    }

    private static NoSuchElementException missing(long articleId, Integer number) {
        return new NoSuchElementException(number == null ? "No article " + articleId
                : "No version " + number + " of article " + articleId);
    }

    /**
     * Makes an old version current again, as a new version, with its English corrections, notes, highlights and
     * tags, each on the paragraph it was written for, wherever that paragraph is now.
     *
     * <p>The old version's blocks are paired with today's by their Chinese text, as the comparison pairs them
     * ({@link VersionComparer#sameParagraphs}), not by position: a paragraph restored from the cleaning audit (or
     * removed) since then moves the later ones, and their work moves with them. Then:
     * <ul>
     * <li>a paragraph in both gets the old English correction, note and highlights (and the old machine English
     * when it differs), replacing today's;</li>
     * <li>a paragraph of today that the old version did not have (say, one restored from the cleaning audit since)
     * is left exactly as it is, with its English, note and highlights: the old version says nothing about it;</li>
     * <li>a paragraph of the old version that is no longer in the article cannot take its work back: its
     * correction, note and highlights are listed in {@link RestoreResult#leftOut()}, named in the new version's
     * message, and stay in the old version, which is never changed.</li>
     * </ul>
     * Nothing is lost: when the current state has changes that no version holds yet, it is first saved as a version
     * of its own ("Before restoring version n", {@link RestoreResult#savedBefore()}), so everything the restore
     * replaces stays in the history.
     *
     * @throws NoSuchElementException when there is no such version
     */
    public RestoreResult restore(long articleId, int number) {
        return write(() -> restoreNow(articleId, number));
    }

    private RestoreResult restoreNow(long articleId, int number) {
        AnnotatedArticle old = annotated(articleId, number)
                .orElseThrow(() -> new NoSuchElementException("No version " + number + " of article " + articleId));
        Integer savedBefore = unsavedChanges(articleId)
                ? saveVersionNow(articleId, "Before restoring version " + number).number() : null;
        Article article = article(articleId);
        AnnotatedArticle current = annotated(articleId, null).orElseThrow();
        Map<Integer, Integer> partner = VersionComparer.sameParagraphs(old.snapshot().blocks(),
                current.snapshot().blocks());
        Map<Integer, ArticleBlock> blocks = article.getBlocks().stream()
                .collect(Collectors.toMap(ArticleBlock::getPosition, Function.identity()));
        for (SnapshotBlock was : old.snapshot().blocks()) {
            Integer now = partner.get(was.position());
            ArticleBlock block = now == null ? null : blocks.get(now);
            if (block == null) {
                continue;
            }
            boolean changed = false;
            if (was.machineEnglish() != null && !was.machineEnglish().equals(block.getMachineEnglish())) {
                block.setMachineEnglish(was.machineEnglish(), was.machineKind(),
                        was.machineModel() != null ? was.machineModel() : block.getMachineModel());
                changed = true;
            }
            if (!Objects.equals(was.correctedEnglish(), block.getCorrectedEnglish())
                    || !Objects.equals(was.note(), block.getNote())) {
                block.setCorrectedEnglish(was.correctedEnglish());
                block.setNote(was.note());
                changed = true;
            }
            if (changed) {
                // Editors opened on today's text then see a conflict instead of overwriting the restored one.
                bump(articleId, now, null);
            }
        }
        restoreHighlights(articleId, old, partner);
        setTags(articleId, old.userTags());
        articles.flush();
        List<RestoreResult.LeftOutParagraph> leftOut = leftOut(old, partner);
        String message = "Restored version " + number + (leftOut.isEmpty() ? "" : "; " + leftOut.size()
                + (leftOut.size() == 1 ? " paragraph" : " paragraphs") + " of it no longer in the article");
        return new RestoreResult(saveVersionNow(articleId, message), number, savedBefore, leftOut);
    }

    /** Whether the current state differs from the newest saved version (or there is none). */
    private boolean unsavedChanges(long articleId) {
        int last = versions.lastNumber(articleId);
        if (last == 0) {
            return true;
        }
        AnnotatedArticle saved = annotated(articleId, last).orElseThrow();
        AnnotatedArticle current = annotated(articleId, null).orElseThrow();
        return !VersionComparer.compare(last, VersionDiff.CURRENT, saved, current).isEmpty();
    }

    /**
     * Puts the old version's highlights back on the paragraphs they were made on ({@code partner}: old position →
     * position now). A highlight that still exists is put back as it was (same id, so comparing versions sees it as
     * the same highlight); those added since on those paragraphs are removed; those removed since come back as new
     * ones. Highlights on paragraphs the old version did not have are kept; those of old paragraphs no longer in the
     * article are left out (reported by {@link #leftOut}).
     */
    private void restoreHighlights(long articleId, AnnotatedArticle old, Map<Integer, Integer> partner) {
        Set<Integer> replaced = new java.util.HashSet<>(partner.values());
        Map<Long, Highlight> live = highlights.findByArticle(articleId).stream()
                .collect(Collectors.toMap(Highlight::getId, Function.identity()));
        List<Highlight> restored = new ArrayList<>();
        for (HighlightInfo h : old.highlights()) {
            Integer now = partner.get(h.blockPosition());
            if (now == null) {
                continue;
            }
            Highlight existing = h.id() == null ? null : live.remove(h.id());
            if (existing != null) {
                existing.moveToBlock(now);
                existing.moveTo(h.quote());
                if (existing.getColour() != h.colour() || !Objects.equals(existing.getNote(), h.note())) {
                    existing.setColour(h.colour(), now());
                    existing.setNote(h.note(), now());
                }
            } else {
                restored.add(new Highlight(articleId, now, h.side(), h.quote(), h.colour(), h.note(), now()));
            }
        }
        highlights.deleteAll(live.values().stream().filter(h -> replaced.contains(h.getBlockPosition())).toList());
        highlights.saveAll(restored);
        highlights.flush();
    }

    /** The old version's paragraphs with the user's work on them that have no partner today, in order. */
    private static List<RestoreResult.LeftOutParagraph> leftOut(AnnotatedArticle old, Map<Integer, Integer> partner) {
        Map<Integer, List<HighlightInfo>> marks = new TreeMap<>();
        for (HighlightInfo h : old.highlights()) {
            if (!partner.containsKey(h.blockPosition())) {
                marks.computeIfAbsent(h.blockPosition(), p -> new ArrayList<>()).add(h);
            }
        }
        Map<Integer, SnapshotBlock> blocks = old.snapshot().blocks().stream()
                .collect(Collectors.toMap(SnapshotBlock::position, Function.identity()));
        Set<Integer> positions = new java.util.TreeSet<>(marks.keySet());
        for (SnapshotBlock block : old.snapshot().blocks()) {
            if (!partner.containsKey(block.position())
                    && (block.correctedEnglish() != null || block.note() != null)) {
                positions.add(block.position());
            }
        }
        List<RestoreResult.LeftOutParagraph> result = new ArrayList<>();
        for (int position : positions) {
            SnapshotBlock block = blocks.get(position);
            result.add(new RestoreResult.LeftOutParagraph(position, block == null ? null : block.text(),
                    block == null ? null : block.correctedEnglish(), block == null ? null : block.note(),
                    marks.getOrDefault(position, List.of())));
        }
        return result;
    }

    private AnnotatedArticle annotated(Article article, ArticleVersion version) {
        List<SnapshotBlock> blocks = version.getBlocks().stream()
                .map(block -> new SnapshotBlock(block.getPosition(), block.getKind(), block.getText(),
                        block.getImageUrl(), block.getMachineEnglish(), block.getMachineKind(),
                        block.getCorrectedEnglish(), null, block.getNote(), block.getMachineModel()))
                .toList();
        ArticleSnapshot snapshot = new ArticleSnapshot(article.getId(), version.getTitle(), article.getAuthor(),
                article.getSourceName(), article.getSourceUrl(), article.getPublishedAt(),
                LibraryService.splitList(article.getTags()), LibraryService.splitList(article.getCategories()),
                article.getLanguage(), version.getSummary(), version.getSummaryKind(), version.getTranslationKind(),
                version.getTranslationModel(), version.getNumber(), version.getCreatedAt(), version.getMessage(),
                blocks, version.getSummaryModel());
        Map<Integer, SnapshotBlock> byPosition = blocks.stream()
                .collect(Collectors.toMap(SnapshotBlock::position, Function.identity()));
        List<HighlightInfo> marks = version.getHighlights().stream().map(h -> {
            SnapshotBlock block = byPosition.get(h.getBlockPosition());
            return h.info(block == null ? null : text(block, h.getSide()));
        }).toList();
        return new AnnotatedArticle(snapshot, marks, LibraryService.splitList(version.getTags()));
    }

    private static VersionInfo info(ArticleVersion version) {
        return new VersionInfo(version.getArticleId(), version.getNumber(), version.getCreatedAt(),
                version.getMessage());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private Article article(long articleId) {
        return access.find(articleId).orElseThrow(() -> new NoSuchElementException("No article " + articleId));
    }

    private ArticleBlock block(long articleId, int position) {
        return article(articleId).getBlocks().stream().filter(block -> block.getPosition() == position).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No block " + position + " in article " + articleId));
    }
}
