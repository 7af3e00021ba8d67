package app.duizhao.annotation;

import app.duizhao.library.ArticleAccess;
import app.duizhao.library.ArticleBlock;
import app.duizhao.library.ArticleEditor;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Makes an old version current again, as a new version (see {@link AnnotationService#restore}). */
@Component
class VersionRestore {

    private final ArticleAccess access;
    private final ArticleEditor editor;
    private final Versions versions;
    private final Notes notes;
    private final Highlights highlights;
    private final Tags tags;
    private final AnnotationTransactions transactions;

    VersionRestore(ArticleAccess access, ArticleEditor editor, Versions versions, Notes notes,
                   Highlights highlights, Tags tags, AnnotationTransactions transactions) {
        this.access = access;
        this.editor = editor;
        this.versions = versions;
        this.notes = notes;
        this.highlights = highlights;
        this.tags = tags;
        this.transactions = transactions;
    }

    RestoreResult restore(long articleId, int number) {
        return transactions.write(() -> restoreNow(articleId, number));
    }

    private RestoreResult restoreNow(long articleId, int number) {
        AnnotatedArticle old = versions.annotated(articleId, number)
                .orElseThrow(() -> new NoSuchElementException("No version " + number + " of article " + articleId));
        Integer savedBefore = unsavedChanges(articleId)
                ? versions.saveNow(articleId, "Before restoring version " + number).number() : null;
        Paragraphs paragraphs = new Paragraphs(access.require(articleId));
        AnnotatedArticle current = versions.annotated(articleId, null).orElseThrow();
        Map<Integer, Integer> partner = VersionComparer.sameParagraphs(old.snapshot().blocks(),
                current.snapshot().blocks());
        for (SnapshotBlock was : old.snapshot().blocks()) {
            Integer now = partner.get(was.position());
            ArticleBlock block = now == null ? null : paragraphs.at(now).orElse(null);
            if (block == null) {
                continue;
            }
            boolean changed = false;
            if (was.machineEnglish() != null && !was.machineEnglish().equals(block.getMachineEnglish())) {
                editor.restoreMachineEnglish(block, was.machineEnglish(), was.machineKind(),
                        was.machineModel() != null ? was.machineModel() : block.getMachineModel());
                changed = true;
            }
            if (!Objects.equals(was.correctedEnglish(), block.getCorrectedEnglish())
                    || !Objects.equals(was.note(), block.getNote())) {
                editor.correctEnglish(block, was.correctedEnglish());
                editor.setNote(block, was.note());
                changed = true;
            }
            if (changed) {
                // Editors opened on today's text then see a conflict instead of overwriting the restored one.
                notes.bump(block, null);
            }
        }
        restoreHighlights(articleId, old, partner, paragraphs);
        tags.set(articleId, old.userTags());
        editor.flush();
        List<RestoreResult.LeftOutParagraph> leftOut = leftOut(old, partner);
        String message = "Restored version " + number + (leftOut.isEmpty() ? "" : "; " + leftOut.size()
                + (leftOut.size() == 1 ? " paragraph" : " paragraphs") + " of it no longer in the article");
        return new RestoreResult(versions.saveNow(articleId, message), number, savedBefore, leftOut);
    }

    /** Whether the current state differs from the newest saved version (or there is none). */
    private boolean unsavedChanges(long articleId) {
        int last = versions.lastNumber(articleId);
        if (last == 0) {
            return true;
        }
        AnnotatedArticle saved = versions.annotated(articleId, last).orElseThrow();
        AnnotatedArticle current = versions.annotated(articleId, null).orElseThrow();
        return !VersionComparer.compare(last, VersionDiff.CURRENT, saved, current).isEmpty();
    }

    /**
     * Puts the old version's highlights back on the paragraphs they were made on ({@code partner}: old position →
     * position now). A highlight that still exists is put back as it was (same id, so comparing versions sees it as
     * the same highlight); those added since on those paragraphs are removed; those removed since come back as new
     * ones. Highlights on paragraphs the old version did not have are kept; those of old paragraphs no longer in the
     * article are left out (reported by {@link #leftOut}).
     */
    private void restoreHighlights(long articleId, AnnotatedArticle old, Map<Integer, Integer> partner,
                                   Paragraphs paragraphs) {
        Set<Long> replaced = new HashSet<>();
        partner.values().forEach(p -> paragraphs.at(p).ifPresent(b -> replaced.add(b.getId())));
        Map<Long, Highlight> live = highlights.stored(articleId).stream()
                .collect(Collectors.toMap(Highlight::getId, Function.identity()));
        List<Highlight> restored = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now();
        for (HighlightInfo h : old.highlights()) {
            Integer position = partner.get(h.blockPosition());
            ArticleBlock block = position == null ? null : paragraphs.at(position).orElse(null);
            if (block == null) {
                continue;
            }
            Highlight existing = h.id() == null ? null : live.remove(h.id());
            if (existing != null) {
                existing.moveToBlock(block.getId());
                existing.moveTo(h.quote());
                if (existing.getColour() != h.colour() || !Objects.equals(existing.getNote(), h.note())) {
                    existing.setColour(h.colour(), now);
                    existing.setNote(h.note(), now);
                }
            } else {
                restored.add(new Highlight(articleId, block.getId(), h.side(), h.quote(), h.colour(), h.note(), now));
            }
        }
        highlights.replace(live.values().stream().filter(h -> replaced.contains(h.getBlockId())).toList(), restored);
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
        Set<Integer> positions = new TreeSet<>(marks.keySet());
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
}
