package app.duizhao.annotation;

import app.duizhao.library.Article;
import app.duizhao.library.ArticleAccess;
import app.duizhao.library.ArticleBlock;
import app.duizhao.library.ArticleRepository;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import app.duizhao.library.LibraryService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The user's work on an article: notes on paragraphs, corrections of the English, highlights with notes on either
 * side, tags, autosaved drafts, and immutable saved versions with their history, comparison and restore.
 */
@Service
public class AnnotationService {

    /** The longest tag kept; longer ones are cut. */
    static final int MAX_TAG = 100;

    private final ArticleRepository articles;
    // Every article id that comes in is checked here first: another user's article is a missing one.
    private final ArticleAccess access;
    private final LibraryService library;
    private final VersionRepository versions;
    private final HighlightRepository highlights;
    private final TagRepository tags;
    private final DraftRepository drafts;
    private final BlockRevisionRepository revisions;
    private final Clock clock = Clock.systemUTC();

    AnnotationService(ArticleRepository articles, ArticleAccess access, LibraryService library,
                      VersionRepository versions, HighlightRepository highlights, TagRepository tags,
                      DraftRepository drafts, BlockRevisionRepository revisions) {
        this.articles = articles;
        this.access = access;
        this.library = library;
        this.versions = versions;
        this.highlights = highlights;
        this.tags = tags;
        this.drafts = drafts;
        this.revisions = revisions;
    }

    // ---------------------------------------------------------------- notes and corrections

    /** Sets (or, when blank, removes) the note on block {@code position}, whatever changed meanwhile. */
    @Transactional
    public void setNote(long articleId, int position, String note) {
        ArticleBlock block = block(articleId, position);
        block.setNote(note);
        bump(articleId, position);
        discardDraft(articleId, position, DraftField.NOTE);
    }

    /**
     * Sets the user's English for block {@code position}; the machine output stays beside it. Blank removes the
     * correction. Highlights on the English follow the text.
     */
    @Transactional
    public void correctEnglish(long articleId, int position, String english) {
        ArticleBlock block = block(articleId, position);
        String before = block.getCorrectedEnglish() != null ? block.getCorrectedEnglish() : block.getMachineEnglish();
        block.setCorrectedEnglish(english);
        bump(articleId, position);
        discardDraft(articleId, position, DraftField.ENGLISH);
        String after = block.getCorrectedEnglish() != null ? block.getCorrectedEnglish() : block.getMachineEnglish();
        if (!Objects.equals(before, after)) {
            reanchor(articleId, position, Side.EN, after);
        }
    }

    /**
     * Sets the note on block {@code position} if nobody saved the block since the editor was opened at
     * {@code expectedRevision}; returns the new revision.
     *
     * @throws EditConflictException when someone else saved it meanwhile: nothing is overwritten, and the user's
     *                               text is kept as a {@link DraftField#CONFLICT_NOTE} draft
     */
    @Transactional(noRollbackFor = EditConflictException.class)
    public long setNote(long articleId, int position, long expectedRevision, String note) {
        ArticleBlock block = block(articleId, position);
        checkRevision(articleId, position, expectedRevision, DraftField.NOTE, block.getNote(), note);
        setNote(articleId, position, note);
        return revisionNow(articleId, position);
    }

    /**
     * Sets the user's English of block {@code position} if nobody saved the block since the editor was opened at
     * {@code expectedRevision}; returns the new revision.
     *
     * @throws EditConflictException when someone else saved it meanwhile: nothing is overwritten, and the user's
     *                               text is kept as a {@link DraftField#CONFLICT_ENGLISH} draft
     */
    @Transactional(noRollbackFor = EditConflictException.class)
    public long correctEnglish(long articleId, int position, long expectedRevision, String english) {
        ArticleBlock block = block(articleId, position);
        checkRevision(articleId, position, expectedRevision, DraftField.ENGLISH, block.getCorrectedEnglish(),
                english);
        correctEnglish(articleId, position, english);
        return revisionNow(articleId, position);
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

    private void checkRevision(long articleId, int position, long expected, DraftField field, String theirs,
                               String yours) {
        long current = revisionNow(articleId, position);
        String normalisedYours = Highlight.blankToNull(yours);
        if (current != expected && !Objects.equals(theirs, normalisedYours)) {
            DraftField conflict = field == DraftField.NOTE ? DraftField.CONFLICT_NOTE : DraftField.CONFLICT_ENGLISH;
            saveDraft(articleId, position, conflict, yours);
            throw new EditConflictException(position, field, theirs, normalisedYours, current);
        }
    }

    private long revisionNow(long articleId, int position) {
        return revisions.find(articleId, position).map(BlockRevision::editCount).orElse(0L);
    }

    private void bump(long articleId, int position) {
        OffsetDateTime now = now();
        BlockRevision revision = revisions.find(articleId, position)
                .orElseGet(() -> new BlockRevision(articleId, position, now));
        revision.touch(now);
        // Flushed now, so two saves racing past the check fail on the version column instead of both landing.
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

    /** Changes a highlight's colour and note (blank removes the note). */
    @Transactional
    public void updateHighlight(long highlightId, HighlightColour colour, String note) {
        Highlight highlight = highlights.findById(highlightId).filter(h -> access.exists(h.getArticleId()))
                .orElseThrow(() -> new NoSuchElementException("No highlight " + highlightId));
        if (colour != null) {
            highlight.setColour(colour, now());
        }
        highlight.setNote(note, now());
    }

    /** Removes a highlight and its note. */
    @Transactional
    public void deleteHighlight(long highlightId) {
        highlights.findById(highlightId).filter(h -> access.exists(h.getArticleId())).ifPresent(highlights::delete);
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
    @Transactional
    public List<String> setTags(long articleId, Collection<String> newTags) {
        article(articleId);
        List<String> normalised = normaliseTags(newTags);
        tags.deleteByArticle(articleId);
        tags.flush();
        for (String tag : normalised) {
            tags.save(new ArticleTag(articleId, tag));
        }
        return normalised.stream().sorted().toList();
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
    @Transactional
    public void saveDraft(long articleId, int position, DraftField field, String text) {
        access.require(articleId);
        Optional<Draft> existing = drafts.find(articleId, position, field.code());
        if (text == null || text.isBlank()) {
            existing.ifPresent(drafts::delete);
            return;
        }
        Draft draft = existing.orElseGet(() -> new Draft(articleId, position, field));
        draft.update(text, now());
        drafts.save(draft);
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
    @Transactional
    public void discardDraft(long articleId, int position, DraftField field) {
        if (!access.exists(articleId)) {
            return;
        }
        drafts.find(articleId, position, field.code()).ifPresent(drafts::delete);
    }

    // ---------------------------------------------------------------- versions

    /** Saves the article as it is now, with its highlights and tags, as a new immutable version. */
    @Transactional
    public VersionInfo saveVersion(long articleId, String message) {
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
        return info(versions.save(version));
    }

    /**
     * Recreates a saved version from an export (the JSON import): same number, time and message.
     */
    @Transactional
    public VersionInfo importVersion(long articleId, AnnotatedArticle saved) {
        ArticleSnapshot s = saved.snapshot();
        article(articleId);
        ArticleVersion version = new ArticleVersion(articleId, s.versionNumber(), s.savedAt(), s.message(),
                s.title(), s.summary(), s.summaryKind(), null, s.translationKind(), s.translationModel());
        for (SnapshotBlock block : s.blocks()) {
            version.addBlock(new VersionBlock(block.position(), block.kind(), block.text(), block.imageUrl(),
                    block.machineEnglish(), block.machineKind(), null, block.correctedEnglish(), block.note()));
        }
        for (HighlightInfo highlight : saved.highlights()) {
            version.addHighlight(new VersionHighlight(highlight));
        }
        version.setTags(LibraryService.joinList(saved.userTags()));
        return info(versions.save(version));
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
        AnnotatedArticle a = annotated(articleId, from)
                .orElseThrow(() -> new NoSuchElementException("No version " + from + " of article " + articleId));
        AnnotatedArticle b = annotated(articleId, to)
                .orElseThrow(() -> new NoSuchElementException("No version " + to + " of article " + articleId));
        return VersionComparer.compare(from, to, a, b);
    }

    /**
     * Makes an old version current again: its English corrections, notes, highlights and tags replace the
     * current ones, and the result is saved as a new version. Nothing is lost: the state before is a version too
     * if it was saved, and the machine English of today's blocks is kept when the old one is the same block.
     *
     * @throws NoSuchElementException when there is no such version
     */
    @Transactional
    public VersionInfo restore(long articleId, int number) {
        AnnotatedArticle old = annotated(articleId, number)
                .orElseThrow(() -> new NoSuchElementException("No version " + number + " of article " + articleId));
        Article article = article(articleId);
        Map<Integer, SnapshotBlock> oldBlocks = old.snapshot().blocks().stream()
                .collect(Collectors.toMap(SnapshotBlock::position, Function.identity()));
        for (ArticleBlock block : article.getBlocks()) {
            SnapshotBlock was = oldBlocks.get(block.getPosition());
            if (was == null) {
                continue;
            }
            if (was.machineEnglish() != null && !was.machineEnglish().equals(block.getMachineEnglish())) {
                block.setMachineEnglish(was.machineEnglish(), was.machineKind(), block.getMachineModel());
            }
            block.setCorrectedEnglish(was.correctedEnglish());
            block.setNote(was.note());
            bump(articleId, block.getPosition());
        }
        highlights.deleteByArticle(articleId);
        highlights.flush();
        for (HighlightInfo h : old.highlights()) {
            highlights.save(new Highlight(articleId, h.blockPosition(), h.side(), h.quote(), h.colour(), h.note(),
                    now()));
        }
        setTags(articleId, old.userTags());
        articles.flush();
        return saveVersion(articleId, "Restored version " + number);
    }

    private AnnotatedArticle annotated(Article article, ArticleVersion version) {
        List<SnapshotBlock> blocks = version.getBlocks().stream()
                .map(block -> new SnapshotBlock(block.getPosition(), block.getKind(), block.getText(),
                        block.getImageUrl(), block.getMachineEnglish(), block.getMachineKind(),
                        block.getCorrectedEnglish(), null, block.getNote()))
                .toList();
        ArticleSnapshot snapshot = new ArticleSnapshot(article.getId(), version.getTitle(), article.getAuthor(),
                article.getSourceName(), article.getSourceUrl(), article.getPublishedAt(),
                LibraryService.splitList(article.getTags()), LibraryService.splitList(article.getCategories()),
                article.getLanguage(), version.getSummary(), version.getSummaryKind(), version.getTranslationKind(),
                version.getTranslationModel(), version.getNumber(), version.getCreatedAt(), version.getMessage(),
                blocks);
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
