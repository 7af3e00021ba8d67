package app.duizhao.export;

import app.duizhao.base.Html;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportPartsTest {

    @Test
    void aConfiguredPdfFontThatIsMissingOrNotTrueTypeIsAClearError() {
        assertThatThrownBy(() -> CjkFont.locate("/no/such/font.ttf"))
                .isInstanceOf(ExportException.class).hasMessageContaining("duizhao.export.cjk-font")
                .hasMessageContaining("/no/such/font.ttf");
        assertThatThrownBy(() -> CjkFont.locate("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"))
                .isInstanceOf(ExportException.class).hasMessageContaining("TrueType (.ttf)");
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
        assertThat(Html.escape("a<b>&\"c'\u0001d")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#x27;d");
    }

    @Test
    void formatsAreParsedByNameOrExtension() {
        assertThat(ExportFormat.of("MD")).isEqualTo(ExportFormat.MD);
        assertThat(ExportFormat.of("markdown")).isEqualTo(ExportFormat.MD);
        assertThat(ExportFormat.of("tsv")).isEqualTo(ExportFormat.ANKI);
        assertThatThrownBy(() -> ExportFormat.of("docx")).hasMessageContaining("md, html, pdf, epub, anki or json");
    }
}
