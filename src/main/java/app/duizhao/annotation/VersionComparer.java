package app.duizhao.annotation;

import app.duizhao.annotation.VersionDiff.BlockDiff;
import app.duizhao.annotation.VersionDiff.Change;
import app.duizhao.annotation.VersionDiff.HighlightChange;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;

import java.util.ArrayList;
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
            Map<String, HighlightInfo> old = keyed(a.highlights(), position);
            Map<String, HighlightInfo> now = keyed(b.highlights(), position);
            List<HighlightInfo> added = new ArrayList<>();
            List<HighlightInfo> removed = new ArrayList<>();
            List<HighlightChange> changed = new ArrayList<>();
            for (var entry : now.entrySet()) {
                HighlightInfo was = old.get(entry.getKey());
                if (was == null) {
                    added.add(entry.getValue());
                } else if (differs(was, entry.getValue())) {
                    changed.add(new HighlightChange(was, entry.getValue()));
                }
            }
            for (var entry : old.entrySet()) {
                if (!now.containsKey(entry.getKey())) {
                    removed.add(entry.getValue());
                }
            }
            if (text.changed() || english.changed() || note.changed() || !added.isEmpty() || !removed.isEmpty()
                    || !changed.isEmpty()) {
                blocks.add(new BlockDiff(position, text, english, note, added, removed, changed));
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

    /** A highlight is the same across versions when it was copied from the same live highlight. */
    private static Map<String, HighlightInfo> keyed(List<HighlightInfo> highlights, int position) {
        Map<String, HighlightInfo> result = new LinkedHashMap<>();
        for (HighlightInfo h : highlights) {
            if (h.blockPosition() == position) {
                String key = h.id() != null ? "#" + h.id() : h.side().code() + ":" + h.start() + ":" + h.exact();
                result.put(key, h);
            }
        }
        return result;
    }

    private static Map<Integer, SnapshotBlock> byPosition(List<SnapshotBlock> blocks) {
        Map<Integer, SnapshotBlock> result = new LinkedHashMap<>();
        for (SnapshotBlock block : blocks) {
            result.put(block.position(), block);
        }
        return result;
    }
}
