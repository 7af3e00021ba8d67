package app.duizhao.annotation;

import app.duizhao.annotation.VersionDiff.BlockDiff;
import app.duizhao.annotation.VersionDiff.Change;
import app.duizhao.annotation.VersionDiff.HighlightChange;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Compares two annotated articles block by block. Pure. */
final class VersionComparer {

    private VersionComparer() {
    }

    static VersionDiff compare(int from, int to, AnnotatedArticle a, AnnotatedArticle b) {
        Map<Integer, SnapshotBlock> before = byPosition(a.snapshot().blocks());
        Map<Integer, SnapshotBlock> after = byPosition(b.snapshot().blocks());
        TreeSet<Integer> positions = new TreeSet<>(before.keySet());
        positions.addAll(after.keySet());
        List<BlockDiff> blocks = new ArrayList<>();
        for (int position : positions) {
            SnapshotBlock x = before.get(position);
            SnapshotBlock y = after.get(position);
            Change text = new Change(x == null ? null : x.text(), y == null ? null : y.text());
            Change english = new Change(x == null ? null : x.english(), y == null ? null : y.english());
            Change note = new Change(x == null ? null : x.note(), y == null ? null : y.note());
            Change machine = new Change(x == null ? null : x.machineEnglish(), y == null ? null : y.machineEnglish());
            List<HighlightInfo> old = onBlock(a.highlights(), position);
            List<HighlightInfo> now = onBlock(b.highlights(), position);
            List<HighlightInfo> removed = new ArrayList<>(old);
            Map<HighlightInfo, HighlightInfo> was = matched(now, removed);
            List<HighlightInfo> added = new ArrayList<>();
            List<HighlightChange> changed = new ArrayList<>();
            for (HighlightInfo h : now) {
                HighlightInfo previous = was.get(h);
                if (previous == null) {
                    added.add(h);
                } else if (differs(previous, h)) {
                    changed.add(new HighlightChange(previous, h));
                }
            }
            if (text.changed() || english.changed() || note.changed() || machine.changed() || !added.isEmpty()
                    || !removed.isEmpty() || !changed.isEmpty()) {
                blocks.add(new BlockDiff(position, text, english, note, added, removed, changed, machine));
            }
        }
        List<String> tagsAdded = b.userTags().stream().filter(t -> !a.userTags().contains(t)).toList();
        List<String> tagsRemoved = a.userTags().stream().filter(t -> !b.userTags().contains(t)).toList();
        return new VersionDiff(from, to, blocks, tagsAdded, tagsRemoved);
    }

    private static boolean differs(HighlightInfo x, HighlightInfo y) {
        return x.colour() != y.colour() || !Objects.equals(x.note(), y.note()) || !x.exact().equals(y.exact())
                || x.side() != y.side();
    }

    /**
     * Pairs each highlight of the newer state with the one it was in the older state, taking the paired ones out
     * of {@code older} (what is left there was removed). A pair is first the same live highlight (same id); then,
     * for a highlight re-created by a restore or read from an import without its id, the same quote on the same
     * side, the nearest first.
     */
    private static Map<HighlightInfo, HighlightInfo> matched(List<HighlightInfo> newer, List<HighlightInfo> older) {
        Map<HighlightInfo, HighlightInfo> pairs = new IdentityHashMap<>();
        List<HighlightInfo> unpaired = new ArrayList<>();
        for (HighlightInfo h : newer) {
            HighlightInfo same = h.id() == null ? null
                    : older.stream().filter(o -> h.id().equals(o.id())).findFirst().orElse(null);
            if (same != null) {
                pairs.put(h, same);
                older.remove(same);
            } else {
                unpaired.add(h);
            }
        }
        for (HighlightInfo h : unpaired) {
            older.stream().filter(o -> o.side() == h.side() && o.exact().equals(h.exact()))
                    .min(Comparator.comparingInt(o -> Math.abs(o.start() - h.start())))
                    .ifPresent(o -> {
                        pairs.put(h, o);
                        older.remove(o);
                    });
        }
        return pairs;
    }

    private static List<HighlightInfo> onBlock(List<HighlightInfo> highlights, int position) {
        return highlights.stream().filter(h -> h.blockPosition() == position).toList();
    }

    private static Map<Integer, SnapshotBlock> byPosition(List<SnapshotBlock> blocks) {
        Map<Integer, SnapshotBlock> result = new LinkedHashMap<>();
        for (SnapshotBlock block : blocks) {
            result.put(block.position(), block);
        }
        return result;
    }
}
