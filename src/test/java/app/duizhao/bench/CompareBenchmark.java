package app.duizhao.bench;

import app.duizhao.annotation.AnnotatedArticle;
import app.duizhao.annotation.HighlightColour;
import app.duizhao.annotation.HighlightInfo;
import app.duizhao.annotation.Side;
import app.duizhao.annotation.VersionComparisons;
import app.duizhao.annotation.VersionDiff;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Comparing two versions of a 500-block article with 1,000 highlights (issue 6): a paragraph restored near the
 * start (the common case), scattered insertions, removals and note edits, and the worst case of two unrelated
 * orders of the same paragraphs. Prints {@code name: value unit} lines (median of repeated runs).
 */
public final class CompareBenchmark {

    private static final int BLOCKS = 500;

    private CompareBenchmark() {
    }

    public static void main(String[] args) {
        List<SnapshotBlock> base = new ArrayList<>();
        for (int i = 0; i < BLOCKS; i++) {
            base.add(block(i, "这是第" + i + "段的中文原文，内容足够长以接近真实新闻段落的长度。", "note " + i));
        }
        AnnotatedArticle older = article(base);

        List<SnapshotBlock> restored = new ArrayList<>(base.subList(0, 3));
        restored.add(block(3, "恢复的段落。", null));
        base.subList(3, BLOCKS).forEach(b -> restored.add(b));
        AnnotatedArticle withRestored = article(renumber(restored));

        Random random = new Random(6);
        List<SnapshotBlock> edited = new ArrayList<>();
        for (SnapshotBlock b : base) {
            int roll = random.nextInt(20);
            if (roll == 0) {
                continue; // removed
            }
            if (roll == 1) {
                edited.add(block(0, "新增段落" + random.nextInt() + "。", null));
            }
            edited.add(roll == 2 ? block(0, b.text(), "edited " + b.note()) : b);
        }
        AnnotatedArticle withEdits = article(renumber(edited));

        List<SnapshotBlock> shuffled = new ArrayList<>(base);
        java.util.Collections.shuffle(shuffled, random);
        AnnotatedArticle reordered = article(renumber(shuffled));

        // The JIT warms up on all three first, so the order of the figures does not matter.
        for (int round = 0; round < 300; round++) {
            for (AnnotatedArticle newer : List.of(withRestored, withEdits, reordered)) {
                VersionComparisons.compare(older, newer);
            }
        }
        report("compare_500_blocks_one_restored", older, withRestored);
        report("compare_500_blocks_scattered_edits", older, withEdits);
        report("compare_500_blocks_shuffled", older, reordered);
    }

    private static void report(String name, AnnotatedArticle older, AnnotatedArticle newer) {
        long[] times = new long[101];
        VersionDiff diff = null;
        for (int round = 0; round < times.length; round++) {
            long start = System.nanoTime();
            diff = VersionComparisons.compare(older, newer);
            times[round] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(times);
        System.out.printf(Locale.ROOT, "%s: %.2f ms%n", name, times[times.length / 2] / 1e6);
        System.out.printf(Locale.ROOT, "%s_blocks_listed: %d blocks%n", name, diff.blocks().size());
    }

    private static List<SnapshotBlock> renumber(List<SnapshotBlock> blocks) {
        List<SnapshotBlock> result = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            SnapshotBlock b = blocks.get(i);
            result.add(new SnapshotBlock(i, b.kind(), b.text(), b.imageUrl(), b.machineEnglish(), b.machineKind(),
                    b.correctedEnglish(), b.error(), b.note()));
        }
        return result;
    }

    private static SnapshotBlock block(int position, String text, String note) {
        return new SnapshotBlock(position, "paragraph", text, null, "English of " + text, "LLM", null, null, note);
    }

    /** The article with two highlights on every block (ids follow the text, as live highlights do). */
    private static AnnotatedArticle article(List<SnapshotBlock> blocks) {
        List<HighlightInfo> marks = new ArrayList<>();
        for (SnapshotBlock b : blocks) {
            long id = Math.abs((long) b.text().hashCode()) * 2;
            marks.add(new HighlightInfo(id, b.position(), Side.ZH, b.text().substring(0, 2), "", "", 0, 2,
                    HighlightColour.YELLOW, null, false, null, null));
            marks.add(new HighlightInfo(id + 1, b.position(), Side.EN, "English", "", "", 0, 7,
                    HighlightColour.GREEN, "n", false, null, null));
        }
        ArticleSnapshot snapshot = new ArticleSnapshot(1L, "标题", null, null, null, null, List.of(), List.of(), "zh",
                null, null, null, null, null, null, null, blocks);
        return new AnnotatedArticle(snapshot, marks, List.of());
    }
}
