package app.duizhao.annotation;

import app.duizhao.library.ArticleSnapshot;
import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The user's work on an article, as the views, the HTTP API and the exports see it: notes on paragraphs,
 * corrections of the English, highlights with notes on either side, tags, autosaved drafts, and immutable saved
 * versions with their comparison and restore. Paragraphs are named by position here; the work is kept by block id
 * (see {@link Paragraphs}). Each part has a class of its own ({@link Notes}, {@link Highlights}, {@link Tags},
 * {@link Drafts}, {@link Versions}, {@link VersionRestore}); every write runs in the conflict-retrying transactions
 * of {@link AnnotationTransactions}: two saves of the same thing at the same instant end in an
 * {@link EditConflictException} with both texts kept, never in a silent overwrite.
 */
@Service
public class AnnotationService {

    /** The longest tag kept; longer ones are cut. */
    static final int MAX_TAG = Tags.MAX_TAG;
    /** How many times a write that lost a race with a concurrent one is run. */
    static final int MAX_ATTEMPTS = AnnotationTransactions.MAX_ATTEMPTS;

    private final Notes notes;
    private final Highlights highlights;
    private final Tags tags;
    private final Drafts drafts;
    private final Versions versions;
    private final VersionRestore restorer;
    private final AnnotationTransactions transactions;

    AnnotationService(Notes notes, Highlights highlights, Tags tags, Drafts drafts, Versions versions,
                      VersionRestore restorer, AnnotationTransactions transactions) {
        this.notes = notes;
        this.highlights = highlights;
        this.tags = tags;
        this.drafts = drafts;
        this.versions = versions;
        this.restorer = restorer;
        this.transactions = transactions;
    }

    /** How many write attempts lost a race and ran again since start (for tests and diagnostics). */
    long lostRaces() {
        return transactions.lostRaces();
    }

    // ---------------------------------------------------------------- notes and corrections

    /** Sets (or, when blank, removes) the note on block {@code position}, whatever changed meanwhile. */
    public void setNote(long articleId, int position, String note) {
        notes.setNote(articleId, position, note);
    }

    /**
     * Sets the user's English for block {@code position}; the machine output stays beside it. Blank removes the
     * correction. Highlights on the English follow the text.
     */
    public void correctEnglish(long articleId, int position, String english) {
        notes.correctEnglish(articleId, position, english);
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
        return notes.setNote(articleId, position, expectedRevision, note);
    }

    /**
     * Adds {@code addition} as a new paragraph at the end of block {@code position}'s note, to the note as it is at
     * that moment (so nothing another tab or user saved meanwhile is overwritten), and returns the whole new note.
     * The block's revision moves on, so an editor opened on the old note gets a conflict instead of overwriting this;
     * a note draft in progress is kept.
     */
    public SavedNote appendToNote(long articleId, int position, String addition) {
        return notes.appendToNote(articleId, position, addition);
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
        return notes.correctEnglish(articleId, position, expectedRevision, english);
    }

    /** The revision of each block's English and note by position (0 for never edited), to open editors at. */
    public Map<Integer, Long> revisions(long articleId) {
        return notes.revisions(articleId);
    }

    /** The revision of one block (0 for never edited). */
    public long revision(long articleId, int position) {
        return notes.revision(articleId, position);
    }

    // ---------------------------------------------------------------- highlights

    /**
     * Highlights {@code [start, end)} of one side of block {@code position}, in the block's current text.
     *
     * @throws IllegalArgumentException when the range is not inside that text
     */
    public HighlightInfo addHighlight(long articleId, int position, Side side, int start, int end,
                                      HighlightColour colour, String note) {
        return highlights.add(articleId, position, side, start, end, colour, note);
    }

    /** Changes a highlight's colour and note (blank removes the note), whatever changed meanwhile. */
    public void updateHighlight(long highlightId, HighlightColour colour, String note) {
        highlights.update(highlightId, colour, note);
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
        return highlights.update(opened, colour, note);
    }

    /** Removes a highlight and its note. */
    public void deleteHighlight(long highlightId) {
        highlights.delete(highlightId);
    }

    /** The article's highlights, anchored in the blocks' current text; those whose quote is gone are orphaned. */
    public List<HighlightInfo> highlights(long articleId) {
        return highlights.list(articleId);
    }

    /**
     * The highlight notes kept from edit conflicts (the {@link DraftField#HIGHLIGHT_CONFLICT} drafts), each with
     * the highlight it is for as stored now: the one with the recorded id, else (after an import gave it a new
     * id) the one with the same quote on the same block and side, else none (it was removed).
     */
    public List<HighlightDraft> highlightDrafts(long articleId) {
        return highlights.conflictDrafts(articleId);
    }

    /**
     * Removes the note kept from an edit conflict for highlight {@code highlightId} (its
     * {@link HighlightDraft#highlightId()}) on block {@code position}, after it was used or dismissed.
     */
    public void discardHighlightDraft(long articleId, int position, long highlightId) {
        highlights.discardConflictDraft(articleId, position, highlightId);
    }

    // ---------------------------------------------------------------- tags

    /** The user's tags on an article, sorted. */
    public List<String> tags(long articleId) {
        return tags.of(articleId);
    }

    /** Every article's tags, by article id (for the library). */
    public Map<Long, List<String>> allTags() {
        return tags.all();
    }

    /** Replaces the user's tags on an article; returns them as stored (trimmed, without '#', no duplicates). */
    public List<String> setTags(long articleId, Collection<String> newTags) {
        return tags.set(articleId, newTags);
    }

    /** Splits "a, b ,#c" into tags. */
    public static List<String> parseTags(String text) {
        if (text == null) {
            return List.of();
        }
        return Tags.normalise(List.of(text.split("[,，;；\\n]")));
    }

    static List<String> normaliseTags(Collection<String> raw) {
        return Tags.normalise(raw);
    }

    // ---------------------------------------------------------------- drafts

    /** Autosaves the unsaved text of an editor; blank text removes the draft. */
    public void saveDraft(long articleId, int position, DraftField field, String text) {
        drafts.save(articleId, position, field, text);
    }

    /** The article's drafts: unsaved editor text and texts kept from edit conflicts. */
    public List<DraftInfo> drafts(long articleId) {
        return drafts.list(articleId);
    }

    /** Removes a draft (after it was saved or dismissed). */
    public void discardDraft(long articleId, int position, DraftField field) {
        drafts.discard(articleId, position, field);
    }

    // ---------------------------------------------------------------- versions

    /** Saves the article as it is now, with its highlights and tags, as a new immutable version. */
    public VersionInfo saveVersion(long articleId, String message) {
        // Two tabs saving at the same instant both take the next number; the second runs again and takes the one after.
        return transactions.write(() -> versions.saveNow(articleId, message));
    }

    /** The saved versions of an article, newest first. */
    public List<VersionInfo> versions(long articleId) {
        return versions.list(articleId);
    }

    /** A saved version, read-only, or empty when there is none with that number. */
    public Optional<ArticleSnapshot> version(long articleId, int number) {
        return annotated(articleId, number).map(AnnotatedArticle::snapshot);
    }

    /**
     * The article with its highlights and tags: its current state ({@code number} null) or a saved version;
     * empty when there is no such article or version.
     */
    public Optional<AnnotatedArticle> annotated(long articleId, Integer number) {
        return versions.annotated(articleId, number);
    }

    /**
     * Compares two saved versions block by block: text, English, note, and highlights added, removed or changed.
     *
     * @throws NoSuchElementException when either version does not exist
     */
    public VersionDiff compare(long articleId, int from, int to) {
        return versions.compare(articleId, from, to);
    }

    /**
     * Compares two states of an article block by block: a saved version by its number, or the current working
     * state (unsaved edits included) by {@code null}. The diff names the current state {@link VersionDiff#CURRENT}.
     *
     * @throws NoSuchElementException when the article or either version does not exist
     */
    public VersionDiff compare(long articleId, Integer from, Integer to) {
        return versions.compare(articleId, from, to);
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
        return restorer.restore(articleId, number);
    }

    // ---------------------------------------------------------------- the JSON import

    /**
     * Recreates a saved version from an export (the JSON import): same number, time, message, models, blocks,
     * highlights (with the ids of the live highlights they were copied from, as given) and tags.
     */
    public VersionInfo importVersion(long articleId, AnnotatedArticle saved) {
        return versions.importVersion(articleId, saved);
    }

    /**
     * Stores a highlight read from an export (the JSON import) with its quote, colour, note and times; it comes
     * back orphaned when its quote is not in the block's text.
     */
    public HighlightInfo importHighlight(long articleId, HighlightInfo highlight) {
        return highlights.add(articleId, highlight);
    }

    /** Stores a draft read from an export (the JSON import), with the time it was saved. */
    public void importDraft(long articleId, DraftInfo draft) {
        drafts.importDraft(articleId, draft);
    }

    /**
     * Sets how many times each block's English or note was saved (the JSON import: {@link #revisions} of the
     * exported article), so the count goes on from there.
     */
    public void importRevisions(long articleId, Map<Integer, Long> editCounts) {
        notes.importRevisions(articleId, editCounts);
    }
}
