package app.duizhao.translation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PromptTemplatesTest {

    @Test
    void versionsNameTheTemplateFiles() {
        assertThat(PromptTemplates.TRANSLATE_VERSION).isEqualTo("translate-v2");
        assertThat(PromptTemplates.SUMMARIZE_VERSION).isEqualTo("summarize-v3");
        assertThat(PromptTemplates.translateSystem()).contains("fluent, faithful English").contains("<segment id=\"N\">");
        assertThat(PromptTemplates.summarizeSystem()).contains("headline").contains("\"- \"");
    }

    @Test
    void theUserMessageCarriesMetadataAndEscapedSegments() {
        String user = PromptTemplates.translateUser(new ArticleContext("标题 <1>", "新华社", "2025-01-02"),
                List.of(new Segment(3, "A & B <i>"), new Segment(4, "第二段")));

        assertThat(user).contains("<title>标题 &lt;1&gt;</title>", "<source>新华社</source>", "<date>2025-01-02</date>",
                "<segment id=\"3\">A &amp; B &lt;i&gt;</segment>\n<segment id=\"4\">第二段</segment>", "segments 3, 4 only.");
    }

    @Test
    void placeholdersInArticleTextAreNotFilledIn() {
        String user = PromptTemplates.translateUser(new ArticleContext("{{date}}", null, "2025-01-02"),
                List.of(new Segment(1, "{{segments}} {{ids}}")));

        assertThat(user).contains("<title>{{date}}</title>", "<source>(unknown)</source>",
                "<segment id=\"1\">{{segments}} {{ids}}</segment>");
    }

    @Test
    void unescapeUndoesEscapeInOnePass() {
        String text = "a & b < c > d &amp; &lt;";
        assertThat(PromptTemplates.unescape(PromptTemplates.escape(text))).isEqualTo(text);
        assertThat(PromptTemplates.unescape("&quot;x&quot; &#39;y&#x27; &amp;lt; &bogus;")).isEqualTo("\"x\" 'y' &lt; &bogus;");
    }

    @Test
    void theSummaryMessageCarriesMetadataAndParagraphs() {
        String user = PromptTemplates.summarizeUser(new SummaryRequest(new ArticleContext("T", "人民日报", "2025-03-04"),
                List.of("第一段 <x>", " ", "第二段")));

        assertThat(user).contains("<source>人民日报</source>", "<date>2025-03-04</date>",
                "<paragraph>第一段 &lt;x&gt;</paragraph>\n<paragraph>第二段</paragraph>");
    }
}
