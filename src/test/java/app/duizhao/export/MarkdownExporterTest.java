package app.duizhao.export;

import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownExporterTest {

    private final MarkdownExporter exporter = new MarkdownExporter();

    private static ArticleSnapshot article(String translationKind, Integer version, List<SnapshotBlock> blocks) {
        return new ArticleSnapshot(7, "秦刚：中美关系的\"大球\"", "联合早报", "联合早报",
                "https://www.zaobao.com/realtime/china/story20211124-1216585",
                OffsetDateTime.of(2021, 11, 24, 6, 44, 41, 0, ZoneOffset.UTC), List.of("联合早报"), List.of("联合早报"),
                "zh-Hans", "Qin Gang: ping-pong still matters\n- point one", "LLM", translationKind, "gpt-test",
                version, version == null ? null : OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC),
                version == null ? null : "checked", blocks);
    }

    @Test
    void writesFrontMatterThenEachChineseBlockWithItsEnglishAndNote() {
        String markdown = exporter.export(article("LLM", null, List.of(
                new SnapshotBlock(0, "heading", "乒乓外交", null, "Ping-pong diplomacy", "LLM", null, null, null),
                new SnapshotBlock(1, "paragraph", "中国驻美大使秦刚表示。", null, "Machine English.", "LLM",
                        "Ambassador Qin Gang said.", null, "A note\nover two lines"))));

        assertThat(markdown).startsWith("---\ntitle: \"秦刚：中美关系的\\\"大球\\\"\"\n");
        assertThat(markdown).contains("source: \"联合早报\"\n", "url: \"https://www.zaobao.com/realtime/china/story20211124-1216585\"\n",
                "date: 2021-11-24T06:44:41Z\n", "tags: [\"联合早报\"]\n", "translation: \"gpt-test\"\n");
        assertThat(markdown).contains("## Summary\n\nQin Gang: ping-pong still matters\n- point one\n\n");
        assertThat(markdown).contains("### 乒乓外交\n\n### Ping-pong diplomacy\n\n");
        assertThat(markdown).contains("中国驻美大使秦刚表示。\n\nAmbassador Qin Gang said.[^1]\n\n",
                "\n[^1]: A note\n    over two lines\n");
        assertThat(markdown).doesNotContain("Machine English.");
        assertThat(markdown.indexOf("乒乓外交")).isLessThan(markdown.indexOf("中国驻美大使"));
    }

    @Test
    void aNoteOnABlockWithoutEnglishHangsOnItsChinese() {
        String markdown = exporter.export(article("LLM", null, List.of(
                new SnapshotBlock(0, "paragraph", "还没翻译。", null, null, null, null, null, "Translate later."))));

        assertThat(markdown).contains("还没翻译。[^1]\n\n", "[^1]: Translate later.\n");
    }

    @Test
    void aSavedVersionCarriesItsNumberTimeAndMessage() {
        String markdown = exporter.export(article("LLM", 3, List.of(
                new SnapshotBlock(0, "paragraph", "一段。", null, "One paragraph.", "LLM", null, null, null))));

        assertThat(markdown).contains("version: 3\n", "saved: 2026-01-02T03:04:05Z\n", "message: \"checked\"\n");
    }

    @Test
    void anOfflineGlossIsLabelledAsNotATranslation() {
        String markdown = exporter.export(article("OFFLINE", null, List.of(
                new SnapshotBlock(0, "paragraph", "中国", null, "中国 (Zhōngguó) China", "OFFLINE", null, null,
                        null))));

        assertThat(markdown).contains("translation: \"offline dictionary gloss (CC-CEDICT)\"",
                "not a translation");
    }

    @Test
    void imagesAreLinkedWithTheirAltText() {
        String markdown = exporter.export(article("LLM", null, List.of(
                new SnapshotBlock(0, "image", "会场[照片]", "https://example.org/a.jpg", null, null, null, null,
                        null))));

        assertThat(markdown).contains("![会场\\[照片\\]](https://example.org/a.jpg)\n");
    }

    @Test
    void fileNamesAreSafeAndNameTheVersion() {
        assertThat(ExportService.fileName(article("LLM", 2, List.of()))).isEqualTo("秦刚：中美关系的 大球 (v2)");
    }
}
