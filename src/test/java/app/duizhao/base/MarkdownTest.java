package app.duizhao.base;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownTest {

    @Test
    void aOneParagraphNoteRendersInlineAndSeveralParagraphsKeepTheirParagraphs() {
        assertThat(Markdown.toSafeHtml("Block note with *Markdown*")).isEqualTo("Block note with <em>Markdown</em>");
        assertThat(Markdown.toSafeHtml("first\n\nsecond")).isEqualTo("<p>first</p>\n<p>second</p>");
        assertThat(Markdown.toSafeHtml("a line\nand the next")).isEqualTo("a line<br />and the next");
        assertThat(Markdown.toSafeHtml("  ")).isEmpty();
        assertThat(Markdown.toSafeHtml(null)).isEmpty();
    }

    @Test
    void aNoteKeepsNoScriptNoImageAndNoScriptLink() {
        String html = Markdown.toSafeHtml("a note <script>alert(1)</script> [x](javascript:alert(2)) ![i](http://example.com/i.png)"
                + " [ok](https://example.com/a) <b onclick=\"y()\">b</b>\u0001");
        assertThat(html).doesNotContain("<script", "javascript:", "<img", "<b onclick", "\u0001")
                .contains("&lt;script&gt;", "href=\"https://example.com/a\"");
    }

    @Test
    void theOneEscaperIsSafeForHtmlAndXml() {
        assertThat(Html.escape("a<b>&\"c'\u00a0\u0001d")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#x27;&#xa0;d");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void theOneHashIsSha256InHex() {
        assertThat(Hashes.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
