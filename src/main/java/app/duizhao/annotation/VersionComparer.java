package app.duizhao.annotation;

import app.duizhao.annotation.VersionDiff.BlockChange;
import app.duizhao.annotation.VersionDiff.BlockDiff;
import app.duizhao.annotation.VersionDiff.Change;
import app.duizhao.annotation.VersionDiff.HighlightChange;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares two annotated articles block by block. Pure.
 *
 * <p>Blocks are first paired by their Chinese text (a Myers diff over the blocks, so a paragraph added or removed
 * in between, e.g. restored from the cleaning audit, does not make every later one look changed); the blocks left
 * between two pairs are then paired place by place as changed, and what is left over was added or removed.
 */
final class VersionComparer {

    /**
     * The most edits the diff looks for before it gives up pairing by text in what is left (its memory grows with
     * the square of this). An article of 500 blocks never has more than 1,000.
     */
    static final int MAX_EDITS = 2_000;

    private VersionComparer() {
    }

    static VersionDiff compare(int from, int to, AnnotatedArticle a, AnnotatedArticle b) {
        List<SnapshotBlock> before = byPosition(a.snapshot().blocks());
        List<SnapshotBlock> after = byPosition(b.snapshot().blocks());
        Map<Integer, List<HighlightInfo>> oldMarks = byBlock(a.highlights());
        Map<Integer, List<HighlightInfo>> newMarks = byBlock(b.highlights());
        int[][] pairs = pairs(keys(before, after));
        List<BlockDiff> blocks = new ArrayList<>();
        for (int[] pair : pairs) {
            SnapshotBlock x = pair[0] < 0 ? null : before.get(pair[0]);
            SnapshotBlock y = pair[1] < 0 ? null : after.get(pair[1]);
            BlockDiff diff = diff(x, y, x == null ? List.of() : oldMarks.getOrDefault(x.position(), List.of()),
                    y == null ? List.of() : newMarks.getOrDefault(y.position(), List.of()));
            if (diff != null) {
                blocks.add(diff);
            }
        }
        List<String> tagsAdded = b.userTags().stream().filter(t -> !a.userTags().contains(t)).toList();
        List<String> tagsRemoved = a.userTags().stream().filter(t -> !b.userTags().contains(t)).toList();
        return new VersionDiff(from, to, blocks, tagsAdded, tagsRemoved);
    }

    /** The diff of one block ({@code x} or {@code y} null: added or removed), or null when nothing changed. */
    private static BlockDiff diff(SnapshotBlock x, SnapshotBlock y, List<HighlightInfo> old,
                                  List<HighlightInfo> now) {
        Change text = new Change(x == null ? null : x.text(), y == null ? null : y.text());
        Change english = new Change(x == null ? null : x.english(), y == null ? null : y.english());
        Change note = new Change(x == null ? null : x.note(), y == null ? null : y.note());
        Change machine = new Change(x == null ? null : x.machineEnglish(), y == null ? null : y.machineEnglish());
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
        BlockChange kind = x == null ? BlockChange.ADDED : y == null ? BlockChange.REMOVED : BlockChange.CHANGED;
        if (kind == BlockChange.CHANGED && !text.changed() && !english.changed() && !note.changed()
                && !machine.changed() && added.isEmpty() && removed.isEmpty() && changed.isEmpty()) {
            return null;
        }
        return new BlockDiff(kind, x == null ? null : x.position(), y == null ? null : y.position(), text, english,
                note, added, removed, changed, machine);
    }

    // ---------------------------------------------------------------- pairing blocks

    /**
     * Which block of {@code newer} each block of {@code older} is, for a restore: the old block's position → the
     * new block's position, for the pairs of {@link #pairs} whose Chinese text (and image) are the same. Two
     * different paragraphs that {@link #compare} pairs place by place as one changed paragraph are left out: the
     * Chinese text is what identifies a paragraph, and an English correction or note written for one does not
     * belong on another. Blocks of either side missing from the map have no partner.
     */
    static Map<Integer, Integer> sameParagraphs(List<SnapshotBlock> older, List<SnapshotBlock> newer) {
        List<SnapshotBlock> before = byPosition(older);
        List<SnapshotBlock> after = byPosition(newer);
        int[][] keys = keys(before, after);
        Map<Integer, Integer> result = new HashMap<>();
        for (int[] pair : pairs(keys)) {
            if (pair[0] >= 0 && pair[1] >= 0 && keys[0][pair[0]] == keys[1][pair[1]]) {
                result.put(before.get(pair[0]).position(), after.get(pair[1]).position());
            }
        }
        return result;
    }

    /** The blocks' keys as small numbers, equal for blocks with the same text (and image), both sides numbered alike. */
    private static int[][] keys(List<SnapshotBlock> before, List<SnapshotBlock> after) {
        Map<String, Integer> ids = new HashMap<>();
        int[] x = new int[before.size()];
        int[] y = new int[after.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = ids.computeIfAbsent(key(before.get(i)), k -> ids.size());
        }
        for (int j = 0; j < y.length; j++) {
            y[j] = ids.computeIfAbsent(key(after.get(j)), k -> ids.size());
        }
        return new int[][]{x, y};
    }

    private static String key(SnapshotBlock block) {
        // The Chinese source text is what identifies a paragraph; an image is its picture (and caption).
        return Objects.toString(block.text(), "") + '\u0000' + Objects.toString(block.imageUrl(), "");
    }

    /**
     * Aligns two sequences of block keys, in document order: each element is {@code {i, j}} for a pair (index in
     * the older and the newer sequence), {@code {i, -1}} for a removed block and {@code {-1, j}} for an added one.
     * Blocks with the same key are paired along a longest common subsequence; between two such pairs, the blocks
     * left are paired place by place, and the extra ones on either side are removed or added.
     */
    static int[][] pairs(int[][] keys) {
        int[] a = keys[0];
        int[] b = keys[1];
        int[] match = lcs(a, b);
        List<int[]> result = new ArrayList<>(Math.max(a.length, b.length));
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            // The gap up to the next pair (or the end).
            int nextI = i;
            while (nextI < a.length && match[nextI] < 0) {
                nextI++;
            }
            int nextJ = nextI < a.length ? match[nextI] : b.length;
            int gap = Math.max(nextI - i, nextJ - j);
            for (int t = 0; t < gap; t++) {
                result.add(new int[]{i + t < nextI ? i + t : -1, j + t < nextJ ? j + t : -1});
            }
            if (nextI < a.length) {
                result.add(new int[]{nextI, nextJ});
            }
            i = nextI + 1;
            j = nextJ + 1;
            if (nextI >= a.length) {
                break;
            }
        }
        return result.toArray(int[][]::new);
    }

    /**
     * For each element of {@code a}, the index in {@code b} it is paired with along a longest common subsequence,
     * or -1. The common start and end are paired first, keys found on one side only are left out (they can never
     * pair), and Myers' O((n+m)·d) diff pairs the rest; past {@link #MAX_EDITS} edits the rest stays unpaired.
     */
    static int[] lcs(int[] a, int[] b) {
        int[] match = new int[a.length];
        Arrays.fill(match, -1);
        int start = 0;
        while (start < a.length && start < b.length && a[start] == b[start]) {
            match[start] = start;
            start++;
        }
        int endA = a.length;
        int endB = b.length;
        while (endA > start && endB > start && a[endA - 1] == b[endB - 1]) {
            endA--;
            endB--;
            match[endA] = endB;
        }
        // Only keys on both sides can pair; the diff runs on those, and its pairs are mapped back.
        java.util.Set<Integer> inA = new java.util.HashSet<>();
        java.util.Set<Integer> inB = new java.util.HashSet<>();
        for (int i = start; i < endA; i++) {
            inA.add(a[i]);
        }
        for (int j = start; j < endB; j++) {
            inB.add(b[j]);
        }
        int[] indexA = new int[endA - start];
        int[] indexB = new int[endB - start];
        int n = 0;
        int m = 0;
        for (int i = start; i < endA; i++) {
            if (inB.contains(a[i])) {
                indexA[n++] = i;
            }
        }
        for (int j = start; j < endB; j++) {
            if (inA.contains(b[j])) {
                indexB[m++] = j;
            }
        }
        int[] x = new int[n];
        int[] y = new int[m];
        for (int i = 0; i < n; i++) {
            x[i] = a[indexA[i]];
        }
        for (int j = 0; j < m; j++) {
            y[j] = b[indexB[j]];
        }
        for (int[] pair : myers(x, y)) {
            match[indexA[pair[0]]] = indexB[pair[1]];
        }
        return match;
    }

    /**
     * The pairs {@code {i, j}} of a longest common subsequence of {@code x} and {@code y}, found by Myers' greedy
     * algorithm; empty when it needs more than {@link #MAX_EDITS} edits. Each step's frontier is kept for the walk
     * back, which costs O(d²) memory.
     */
    private static List<int[]> myers(int[] x, int[] y) {
        int n = x.length;
        int m = y.length;
        if (n == 0 || m == 0) {
            return List.of();
        }
        int max = Math.min(n + m, MAX_EDITS);
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        boolean done = false;
        for (int d = 0; d <= max && !done; d++) {
            // The frontier before step d: what step d reads, v[k - 1] and v[k + 1] for k in [-d, d].
            trace.add(Arrays.copyOfRange(v, offset - d - 1, offset + d + 2));
            for (int k = -d; k <= d; k += 2) {
                int px;
                if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) {
                    px = v[offset + k + 1];
                } else {
                    px = v[offset + k - 1] + 1;
                }
                int py = px - k;
                while (px < n && py < m && x[px] == y[py]) {
                    px++;
                    py++;
                }
                v[offset + k] = px;
                if (px >= n && py >= m) {
                    done = true;
                    break;
                }
            }
        }
        if (!done) {
            return List.of();
        }
        List<int[]> pairs = new ArrayList<>();
        int px = n;
        int py = m;
        for (int d = trace.size() - 1; d >= 0; d--) {
            int[] frontier = trace.get(d);
            int base = d + 1; // frontier[base + k] is v[k]
            int k = px - py;
            int prevK = (k == -d || (k != d && frontier[base + k - 1] < frontier[base + k + 1])) ? k + 1 : k - 1;
            int prevX = d == 0 ? 0 : frontier[base + prevK];
            int prevY = prevX - prevK;
            // The diagonal run after the step: equal elements.
            int fromX = d == 0 ? 0 : (prevK == k + 1 ? prevX : prevX + 1);
            while (px > fromX) {
                px--;
                py--;
                pairs.add(new int[]{px, py});
            }
            px = prevX;
            py = prevY;
        }
        java.util.Collections.reverse(pairs);
        return pairs;
    }

    // ---------------------------------------------------------------- highlights

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

    private static Map<Integer, List<HighlightInfo>> byBlock(List<HighlightInfo> highlights) {
        Map<Integer, List<HighlightInfo>> result = new HashMap<>();
        for (HighlightInfo h : highlights) {
            result.computeIfAbsent(h.blockPosition(), p -> new ArrayList<>()).add(h);
        }
        return result;
    }

    private static List<SnapshotBlock> byPosition(List<SnapshotBlock> blocks) {
        return blocks.stream().sorted(Comparator.comparingInt(SnapshotBlock::position)).toList();
    }
}
