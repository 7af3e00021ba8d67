package app.duizhao.export;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportPartsTest {

    @Test
    void aConfiguredPdfFontThatIsMissingOrNotTrueTypeIsAClearError() {
        assertThatThrownBy(() -> CjkFont.choose("/no/such/font.ttf", true))
                .isInstanceOf(ExportException.class).hasMessageContaining("duizhao.export.cjk-font")
                .hasMessageContaining("/no/such/font.ttf");
        assertThatThrownBy(() -> CjkFont.choose("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", true))
                .isInstanceOf(ExportException.class).hasMessageContaining("TrueType (.ttf)");
    }

    @Test
    void aConfiguredFontWinsOverSystemFontsWhichWinOverTheBundledOne() throws Exception {
        java.nio.file.Path copy = java.nio.file.Files.createTempFile("duizhao-configured", ".ttf");
        try (var bundled = CjkFont.class.getResourceAsStream(CjkFont.BUNDLED_RESOURCE)) {
            java.nio.file.Files.copy(bundled, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(CjkFont.choose(copy.toString(), true).description()).isEqualTo("configured font " + copy);
        } finally {
            java.nio.file.Files.deleteIfExists(copy);
        }
        assertThat(CjkFont.choose(null, false).description()).isEqualTo("bundled Noto Sans SC");
        String system = CjkFont.SYSTEM_CANDIDATES.stream()
                .filter(path -> CjkFont.problem(java.nio.file.Path.of(path)).isEmpty()).findFirst().orElse(null);
        assertThat(CjkFont.choose(null, true).description())
                .isEqualTo(system == null ? "bundled Noto Sans SC" : "system font " + system);
    }

    @Test
    void aTrueTypeFontWithoutChineseGlyphsIsRefusedWithThatReason() {
        java.nio.file.Path latinOnly = java.nio.file.Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(latinOnly),
                "no DejaVu Sans on this machine to stand for a font without Chinese glyphs");
        assertThat(CjkFont.problem(latinOnly)).hasValue("has no Chinese glyphs");
    }

    @Test
    void ankiFieldsStayOnOneLineAndQuotesAreEscapedTheCsvWay() {
        assertThat(AnkiExporter.field("a\tb\nc\r\nd")).isEqualTo("a b c d");
        assertThat(AnkiExporter.field("say \"ni hao\"")).isEqualTo("\"say \"\"ni hao\"\"\"");
        assertThat(AnkiExporter.field("#hashtag")).isEqualTo("＃hashtag");
        assertThat(AnkiExporter.field(null)).isEmpty();
    }

    @Test
    void anAnkiFileWithoutVocabularyStillHasItsHeaders() {
        String tsv = new AnkiExporter().export(List.of(), "duizhao");

        assertThat(tsv).isEqualTo("#separator:tab\n#html:false\n"
                + "#columns:Word\tPinyin\tDefinition\tSentence\tTranslation\tTags\n#tags column:6\n");
    }

    @Test
    void theVocabularySentenceIsTheOneAroundTheWord() {
        String text = "第一句。中国驻美大使秦刚表示！最后一句";

        assertThat(HighlightVocabulary.sentence(text, 10, 12)).isEqualTo("中国驻美大使秦刚表示！");
        assertThat(HighlightVocabulary.sentence(text, 16, 18)).isEqualTo("最后一句");
        assertThat(HighlightVocabulary.sentence(text, 0, 2)).isEqualTo("第一句。");
    }

    @Test
    void xmlEscapingDropsCharactersXmlForbids() {
        assertThat(HtmlExporter.esc("a<b>&\"c'\u0001d")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#39;d");
    }

    @Test
    void xmlEscapingKeepsCharactersBeyondTheBasicPlaneAndDropsUnpairedSurrogates() {
        assertThat(HtmlExporter.esc("𠮷野家\uD842")).isEqualTo("𠮷野家");
        assertThat(HtmlExporter.esc("\uDFB7a\uD842\uD842\uDFB7")).isEqualTo("a𠮷");
    }

    @Test
    void formatsAreParsedByNameOrExtension() {
        assertThat(ExportFormat.of("MD")).isEqualTo(ExportFormat.MD);
        assertThat(ExportFormat.of("markdown")).isEqualTo(ExportFormat.MD);
        assertThat(ExportFormat.of("tsv")).isEqualTo(ExportFormat.ANKI);
        assertThatThrownBy(() -> ExportFormat.of("docx")).hasMessageContaining("md, html, pdf, epub, anki or json");
    }
}
