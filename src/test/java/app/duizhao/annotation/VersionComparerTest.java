package app.duizhao.annotation;

import app.duizhao.annotation.VersionDiff.BlockChange;
import app.duizhao.annotation.VersionDiff.BlockDiff;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class VersionComparerTest {

    @Test
    void theSameArticleHasNoDifferences() {
        AnnotatedArticle a = article(List.of(block(0, "一。", "One.", "n"), block(1, "二。", "Two.", null)), List.of());

        assertThat(VersionComparer.compare(1, 2, a, a).isEmpty()).isTrue();
    }

    @Test
    void aParagraphInsertedInTheMiddleIsOneAddedParagraphAndTheLaterOnesAreUnchanged() {
        List<SnapshotBlock> before = new ArrayList<>();
        List<SnapshotBlock> after = new ArrayList<>();
        List<HighlightInfo> oldMarks = new ArrayList<>();
        List<HighlightInfo> newMarks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            before.add(block(i, "第" + i + "段。", "Paragraph " + i + ".", "note " + i));
            oldMarks.add(mark((long) i, i, "第" + i, HighlightColour.YELLOW, "hl " + i));
        }
        for (int i = 0; i < 10; i++) {
            int position = i < 4 ? i : i + 1; // a paragraph comes back at position 4; the later ones move down
            after.add(block(position, "第" + i + "段。", "Paragraph " + i + ".", "note " + i));
            newMarks.add(mark((long) i, position, "第" + i, HighlightColour.YELLOW, "hl " + i));
        }
        after.add(block(4, "恢复的段落。", null, null));

        VersionDiff diff = VersionComparer.compare(1, 2, article(before, oldMarks), article(after, newMarks));

        assertThat(diff.blocks()).singleElement().satisfies(b -> {
            assertThat(b.kind()).isEqualTo(BlockChange.ADDED);
            assertThat(b.newPosition()).isEqualTo(4);
            assertThat(b.oldPosition()).isNull();
            assertThat(b.text().after()).isEqualTo("恢复的段落。");
            assertThat(b.added()).isEmpty();
        });
        assertThat(diff.addedBlocks()).hasSize(1);
        assertThat(diff.removedBlocks()).isEmpty();
    }

    @Test
    void aParagraphRemovedIsOneRemovedParagraphWithItsTextNoteAndHighlights() {
        List<SnapshotBlock> before = List.of(block(0, "甲。", "A.", null), block(1, "乙。", "B.", "about b"),
                block(2, "丙。", "C.", null));
        List<SnapshotBlock> after = List.of(block(0, "甲。", "A.", null), block(1, "丙。", "C.", null));
        List<HighlightInfo> oldMarks = List.of(mark(7L, 1, "乙", HighlightColour.GREEN, "gone"),
                mark(8L, 2, "丙", HighlightColour.BLUE, null));
        List<HighlightInfo> newMarks = List.of(mark(8L, 1, "丙", HighlightColour.BLUE, null));

        VersionDiff diff = VersionComparer.compare(1, 2, article(before, oldMarks), article(after, newMarks));

        assertThat(diff.blocks()).singleElement().satisfies(b -> {
            assertThat(b.kind()).isEqualTo(BlockChange.REMOVED);
            assertThat(b.oldPosition()).isEqualTo(1);
            assertThat(b.newPosition()).isNull();
            assertThat(b.position()).isEqualTo(1);
            assertThat(b.text()).isEqualTo(new VersionDiff.Change("乙。", null));
            assertThat(b.note().before()).isEqualTo("about b");
            assertThat(b.removed()).extracting(HighlightInfo::note).containsExactly("gone");
        });
    }

    @Test
    void changesToAParagraphThatMovedAreStillReportedAgainstItsOwnOldState() {
        List<SnapshotBlock> before = List.of(block(0, "甲。", "A.", null), block(1, "乙。", "B.", "old note"));
        List<SnapshotBlock> after = List.of(block(0, "新。", null, null), block(1, "甲。", "A.", null),
                block(2, "乙。", "Bee.", "new note"));
        List<HighlightInfo> oldMarks = List.of(mark(1L, 1, "乙", HighlightColour.YELLOW, "kept"),
                mark(2L, 1, "乙。", HighlightColour.YELLOW, "dropped"));
        List<HighlightInfo> newMarks = List.of(mark(1L, 2, "乙", HighlightColour.PINK, "kept"),
                mark(3L, 2, "。", HighlightColour.BLUE, "new"));

        VersionDiff diff = VersionComparer.compare(1, 2, article(before, oldMarks), article(after, newMarks));

        assertThat(diff.blocks()).extracting(BlockDiff::kind).containsExactly(BlockChange.ADDED, BlockChange.CHANGED);
        BlockDiff moved = diff.blocks().get(1);
        assertThat(moved.oldPosition()).isEqualTo(1);
        assertThat(moved.newPosition()).isEqualTo(2);
        assertThat(moved.moved()).isTrue();
        assertThat(moved.text().changed()).isFalse();
        assertThat(moved.english()).isEqualTo(new VersionDiff.Change("B.", "Bee."));
        assertThat(moved.note()).isEqualTo(new VersionDiff.Change("old note", "new note"));
        assertThat(moved.changed()).singleElement()
                .satisfies(c -> assertThat(c.after().colour()).isEqualTo(HighlightColour.PINK));
        assertThat(moved.added()).extracting(HighlightInfo::note).containsExactly("new");
        assertThat(moved.removed()).extracting(HighlightInfo::note).containsExactly("dropped");
    }

    @Test
    void paragraphsLeftBetweenTwoPairsArePairedPlaceByPlaceAndTheRestAddedOrRemoved() {
        List<SnapshotBlock> before = List.of(block(0, "甲。", null, null), block(1, "旧一。", null, null),
                block(2, "旧二。", null, null), block(3, "乙。", null, null), block(4, "旧三。", null, null));
        List<SnapshotBlock> after = List.of(block(0, "甲。", null, null), block(1, "新一。", null, null),
                block(2, "乙。", null, null), block(3, "新二。", null, null), block(4, "新三。", null, null));

        VersionDiff diff = VersionComparer.compare(1, 2, article(before, List.of()), article(after, List.of()));

        assertThat(diff.blocks()).extracting(BlockDiff::kind).containsExactly(BlockChange.CHANGED,
                BlockChange.REMOVED, BlockChange.CHANGED, BlockChange.ADDED);
        assertThat(diff.blocks().get(0).text()).isEqualTo(new VersionDiff.Change("旧一。", "新一。"));
        assertThat(diff.blocks().get(1).text().before()).isEqualTo("旧二。");
        assertThat(diff.blocks().get(2).text()).isEqualTo(new VersionDiff.Change("旧三。", "新二。"));
        assertThat(diff.blocks().get(3).text().after()).isEqualTo("新三。");
    }

    @Test
    void repeatedParagraphsAndImagesPairInOrder() {
        SnapshotBlock image = new SnapshotBlock(1, "image", null, "https://example.org/a.png", null, null, null,
                null, null);
        List<SnapshotBlock> before = List.of(block(0, "图。", null, null), image, block(2, "图。", null, null));
        SnapshotBlock otherImage = new SnapshotBlock(2, "image", null, "https://example.org/b.png", null, null, null,
                null, null);
        List<SnapshotBlock> after = List.of(block(0, "图。", null, null), withPosition(image, 1), otherImage,
                block(3, "图。", null, "n"));

        VersionDiff diff = VersionComparer.compare(1, 2, article(before, List.of()), article(after, List.of()));

        assertThat(diff.blocks()).extracting(BlockDiff::kind).containsExactly(BlockChange.ADDED, BlockChange.CHANGED);
        assertThat(diff.blocks().get(0).newPosition()).isEqualTo(2);
        assertThat(diff.blocks().get(1).note().after()).isEqualTo("n");
        assertThat(diff.blocks().get(1).oldPosition()).isEqualTo(2);
    }

    @Test
    void everythingReplacedPairsPlaceByPlace() {
        List<SnapshotBlock> before = List.of(block(0, "一。", null, null), block(1, "二。", null, null));
        List<SnapshotBlock> after = List.of(block(0, "三。", null, null));

        VersionDiff diff = VersionComparer.compare(1, 2, article(before, List.of()), article(after, List.of()));

        assertThat(diff.blocks()).extracting(BlockDiff::kind).containsExactly(BlockChange.CHANGED, BlockChange.REMOVED);
        assertThat(VersionComparer.compare(1, 2, article(List.of(), List.of()), article(after, List.of())).blocks())
                .extracting(BlockDiff::kind).containsExactly(BlockChange.ADDED);
    }

    @Test
    void theAlignmentIsALongestCommonSubsequence() {
        Random random = new Random(6);
        for (int round = 0; round < 500; round++) {
            int[] a = random.ints(random.nextInt(30), 0, 1 + random.nextInt(8)).toArray();
            int[] b = random.ints(random.nextInt(30), 0, 1 + random.nextInt(8)).toArray();
            int[] match = VersionComparer.lcs(a, b);
            int paired = 0;
            int last = -1;
            for (int i = 0; i < a.length; i++) {
                if (match[i] >= 0) {
                    assertThat(match[i]).as("in order").isGreaterThan(last);
                    assertThat(b[match[i]]).as("same key").isEqualTo(a[i]);
                    last = match[i];
                    paired++;
                }
            }
            assertThat(paired).as("%s / %s", Arrays.toString(a), Arrays.toString(b)).isEqualTo(lcsLength(a, b));
            int[][] pairs = VersionComparer.pairs(new int[][]{a, b});
            assertThat(Arrays.stream(pairs).filter(p -> p[0] >= 0).mapToInt(p -> p[0]).toArray())
                    .as("every old block once, in order").isEqualTo(java.util.stream.IntStream.range(0, a.length).toArray());
            assertThat(Arrays.stream(pairs).filter(p -> p[1] >= 0).mapToInt(p -> p[1]).toArray())
                    .as("every new block once, in order").isEqualTo(java.util.stream.IntStream.range(0, b.length).toArray());
        }
    }

    @Test
    void fiveHundredParagraphsWithScatteredInsertionsAndRemovalsPairTheRest() {
        List<SnapshotBlock> before = new ArrayList<>();
        List<SnapshotBlock> after = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            before.add(block(i, "段落" + i + "。", "P" + i, null));
        }
        int position = 0;
        for (int i = 0; i < 500; i++) {
            if (i % 50 == 10) {
                after.add(block(position++, "新段落" + i + "。", null, null));
            }
            if (i % 70 != 3) {
                after.add(block(position++, "段落" + i + "。", "P" + i, null));
            }
        }

        VersionDiff diff = VersionComparer.compare(1, 2, article(before, List.of()), article(after, List.of()));

        assertThat(diff.addedBlocks()).hasSize(10);
        assertThat(diff.removedBlocks()).hasSize(8);
        assertThat(diff.blocks()).hasSize(18);
    }

    private static int lcsLength(int[] a, int[] b) {
        int[][] t = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                t[i][j] = a[i] == b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
            }
        }
        return t[0][0];
    }

    static SnapshotBlock block(int position, String text, String english, String note) {
        return new SnapshotBlock(position, "paragraph", text, null, english, english == null ? null : "LLM", null,
                null, note);
    }

    private static SnapshotBlock withPosition(SnapshotBlock b, int position) {
        return new SnapshotBlock(position, b.kind(), b.text(), b.imageUrl(), b.machineEnglish(), b.machineKind(),
                b.correctedEnglish(), b.error(), b.note());
    }

    static HighlightInfo mark(Long id, int position, String exact, HighlightColour colour, String note) {
        return new HighlightInfo(id, position, Side.ZH, exact, "", "", 0, exact.length(), colour, note, false, null,
                null);
    }

    static AnnotatedArticle article(List<SnapshotBlock> blocks, List<HighlightInfo> highlights) {
        ArticleSnapshot snapshot = new ArticleSnapshot(1L, "标题", null, null, null, null, List.of(), List.of(), "zh",
                null, null, null, null, null, null, null, blocks);
        return new AnnotatedArticle(snapshot, highlights, List.of());
    }
}
