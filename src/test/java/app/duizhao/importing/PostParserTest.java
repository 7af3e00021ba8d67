package app.duizhao.importing;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostParserTest {

    private final PostParser parser = new PostParser();

    private static String post(String title, String date, String from, String body) {
        return "---\nlayout: post\ntitle: " + title + "\ndate: " + date + "\nauthor: 联合早报\nfrom: " + from
                + "\ntags: [ 早报标签 ]\ncategories: [ 联合早报 ]\n---\n<!--1601539200000-->\n"
                + "[标题](https://www.zaobao.com/a)\n------\n\n" + body;
    }

    @Test
    void readsAllFrontMatterFieldsOfAJekyllPost() {
        ParsedPost post = parser.parse(post("\"港口货运量创新高\"", "2021-11-24T06:44:41.616Z",
                "https://www.zaobao.com/realtime/china/story1", "<div>\n<p>第一段。</p>\n</div>\n"), "x.md");

        assertThat(post.title()).isEqualTo("港口货运量创新高");
        assertThat(post.author()).isEqualTo("联合早报");
        assertThat(post.sourceName()).isEqualTo("联合早报");
        assertThat(post.sourceUrl()).isEqualTo("https://www.zaobao.com/realtime/china/story1");
        assertThat(post.publishedAt()).isEqualTo(OffsetDateTime.of(2021, 11, 24, 6, 44, 41, 616_000_000, ZoneOffset.UTC));
        assertThat(post.tags()).containsExactly("早报标签");
        assertThat(post.categories()).containsExactly("联合早报");
        assertThat(post.bodyFormat()).isEqualTo(ParsedPost.BodyFormat.HTML);
        assertThat(post.body()).isEqualTo("<div>\n<p>第一段。</p>\n</div>");
    }

    @Test
    void stripsThePubDateMarkerAndTheSourceLinkHeaderFromTheBody() {
        ParsedPost post = parser.parse(post("\"标题\"", "2020-10-01T00:00:00.000Z", "https://a.b/c", "<div>正文</div>"), "x.md");
        assertThat(post.body()).isEqualTo("<div>正文</div>").doesNotContain("<!--").doesNotContain("------");
    }

    @Test
    void unescapesBackslashEscapedQuotesInTheTitle() {
        ParsedPost post = parser.parse(post("\"\\\"逆行者\\\"成年度网络用语\"", "2020-12-04T00:00:00.000Z",
                "https://a.b/c", "<p>正文</p>"), "x.md");
        assertThat(post.title()).isEqualTo("\"逆行者\"成年度网络用语");
    }

    @Test
    void trimsAnUntrimmedTitle() {
        ParsedPost post = parser.parse(post("\"   见证当下司法！   \"", "2020-12-22T00:00:00.000Z", "https://a.b/c",
                "<p>正文</p>"), "x.md");
        assertThat(post.title()).isEqualTo("见证当下司法！");
    }

    @Test
    void fallsBackToTheLenientReaderWhenARawNewlineAndAnUnbalancedQuoteBreakTheYaml() {
        String text = "---\nlayout: post\ntitle: \"德国之声: 第一行\n第二行 \"引号\nauthor: 德国之声\ndate: 2020-10-01T08:00:00.000Z\n"
                + "from: https://www.dw.com/zh/a-1\ntags: [ 德国之声 ]\ncategories: [ 德国之声 ]\n---\n<p>正文。</p>\n";
        ParsedPost post = parser.parse(text, "dw.md");
        assertThat(post.title()).isEqualTo("德国之声: 第一行 第二行 \"引号");
        assertThat(post.author()).isEqualTo("德国之声");
        assertThat(post.sourceName()).isEqualTo("德国之声");
        assertThat(post.categories()).containsExactly("德国之声");
        assertThat(post.publishedAt()).isEqualTo(OffsetDateTime.of(2020, 10, 1, 8, 0, 0, 0, ZoneOffset.UTC));
        assertThat(post.body()).isEqualTo("<p>正文。</p>");
    }

    @Test
    void keepsTheOffsetOfNeistDates() {
        String text = "---\nlayout: post\ntitle: \"从月球出发\"\ndate: 2020-07-12T16:44:34+01:00\nauthor: Nei.st\n"
                + "from: https://nei.st/x\ntags: [ Nei.st ]\ncategories: [ Nei.st ]\n---\n\n<article>\n <p>\n  正文\n </p>\n</article>\n";
        ParsedPost post = parser.parse(text, "neist.md");
        assertThat(post.publishedAt()).isEqualTo(OffsetDateTime.of(2020, 7, 12, 16, 44, 34, 0, ZoneOffset.ofHours(1)));
        assertThat(post.body()).startsWith("<article>");
        assertThat(post.bodyFormat()).isEqualTo(ParsedPost.BodyFormat.HTML);
    }

    @Test
    void parsesOtherDateFormatsAndReturnsNullForUnparseableOnes() {
        assertThat(PostDates.parse("2020-07-20 10:00:00 +0800"))
                .isEqualTo(OffsetDateTime.of(2020, 7, 20, 10, 0, 0, 0, ZoneOffset.ofHours(8)));
        assertThat(PostDates.parse("2020-07-20")).isEqualTo(OffsetDateTime.of(2020, 7, 20, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(PostDates.parse("2020-07-20T10:00:00+00:00"))
                .isEqualTo(OffsetDateTime.of(2020, 7, 20, 10, 0, 0, 0, ZoneOffset.UTC));
        assertThat(PostDates.parse("yesterday")).isNull();
        assertThat(PostDates.parse("")).isNull();
    }

    @Test
    void keepsAPercentEncodedSourceUrlAsWrittenButTrimmed() {
        ParsedPost post = parser.parse(post("\"标题\"", "2020-10-01T00:00:00.000Z",
                "  https://www.dw.com/zh/%E7%9C%9F%E8%BF%B9/a-55120477  ", "<p>正文</p>"), "x.md");
        assertThat(post.sourceUrl()).isEqualTo("https://www.dw.com/zh/%E7%9C%9F%E8%BF%B9/a-55120477");
    }

    @Test
    void fallsBackToTagsThenAuthorForTheSourceName() {
        ParsedPost tagsOnly = parser.parse("---\ntitle: 标题\nauthor: 某作者\ntags: [ 标签 ]\n---\n<p>正文</p>", "x.md");
        assertThat(tagsOnly.sourceName()).isEqualTo("标签");
        ParsedPost authorOnly = parser.parse("---\ntitle: 标题\nauthor: 某作者\n---\n<p>正文</p>", "x.md");
        assertThat(authorOnly.sourceName()).isEqualTo("某作者");
    }

    @Test
    void readsAnHtmlPageWithoutFrontMatterAndTakesItsTitle() {
        ParsedPost withOg = parser.parse("<html><head><meta property=\"og:title\" content=\"开放图谱标题\"><title>页面标题</title>"
                + "</head><body><h1>大标题</h1><p>第一段。</p></body></html>", "page.html");
        assertThat(withOg.title()).isEqualTo("开放图谱标题");
        assertThat(withOg.bodyFormat()).isEqualTo(ParsedPost.BodyFormat.HTML);
        assertThat(withOg.body()).contains("<p>第一段。</p>");

        ParsedPost withH1 = parser.parse("<article><h1>文章标题</h1><p>正文。</p></article>", "a.html");
        assertThat(withH1.title()).isEqualTo("文章标题");
    }

    @Test
    void readsAPlainTextPasteWithTheFirstLineAsTitle() {
        ParsedPost post = parser.parse("\n\n  今天的新闻标题  \n\n第一段正文。\n第二段正文。\n", "paste.txt");
        assertThat(post.title()).isEqualTo("今天的新闻标题");
        assertThat(post.bodyFormat()).isEqualTo(ParsedPost.BodyFormat.TEXT);
        assertThat(post.body()).startsWith("今天的新闻标题").endsWith("第二段正文。");
        assertThat(PostParser.bodyAsHtml(post)).isEqualTo("<p>今天的新闻标题</p>\n<p>第一段正文。<br>第二段正文。</p>\n");
    }

    @Test
    void shortensAVeryLongFirstLineTitle() {
        ParsedPost post = parser.parse("字".repeat(200), "long.txt");
        assertThat(post.title()).hasSize(80).endsWith("…");
    }

    @Test
    void recognisesAMarkdownBodyAndRendersItWithCommonMark() {
        ParsedPost post = parser.parse("---\ntitle: 标题\n---\n## 小标题\n\n第一段 **重点** 文字。\n\n> 引用\n\n- 条目\n", "m.md");
        assertThat(post.bodyFormat()).isEqualTo(ParsedPost.BodyFormat.MARKDOWN);
        assertThat(PostParser.bodyAsHtml(post)).isEqualTo("<h2>小标题</h2>\n<p>第一段 <strong>重点</strong> 文字。</p>\n"
                + "<blockquote>\n<p>引用</p>\n</blockquote>\n<ul>\n<li>条目</li>\n</ul>\n");
    }

    @Test
    void readsTomlFrontMatterWithMultiLineArraysAndTables() {
        ParsedPost post = parser.parse("+++\ntitle = '''多行\n标题'''\ndate = 2024-04-25T09:30:00+08:00\n"
                + "tags = [\n  \"汽车\",\n  \"上海\",\n]\n[params]\nauthor = \"王芳\"\n+++\n正文。", "t.md");
        assertThat(post.title()).isEqualTo("多行 标题");
        assertThat(post.publishedAt()).isEqualTo(OffsetDateTime.of(2024, 4, 25, 9, 30, 0, 0, ZoneOffset.ofHours(8)));
        assertThat(post.tags()).containsExactly("汽车", "上海");
    }

    @Test
    void keepsTheReadableLinesOfTomlFrontMatterThatIsNotValidAsAWhole() {
        ParsedPost post = parser.parse("+++\ntitle = \"标题\"\nthis line is not toml\ndate = 2024-01-02\n"
                + "tags = [\"a\", \"b\"]\ntitle: yaml in toml\n+++\n正文。", "t.md");
        assertThat(post.title()).isEqualTo("标题");
        assertThat(post.publishedAt()).isEqualTo(OffsetDateTime.of(2024, 1, 2, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(post.tags()).containsExactly("a", "b");
    }

    @Test
    void markdownKeepsNoMarkupOrScriptLinksOfItsOwn() {
        String html = PostBodies.markdownToHtml("第一段 <script>alert(1)</script> [链接](javascript:alert(2)) "
                + "[正常](https://example.com/a)\n\n<div onclick=\"x()\">块</div>\n");
        assertThat(html).doesNotContain("<script", "<div", "javascript:")
                .contains("&lt;script&gt;", "href=\"https://example.com/a\">正常</a>");
    }

    @Test
    void rejectsFrontMatterThatIsNeverClosed() {
        assertThatThrownBy(() -> parser.parse("---\nlayout: post\ntitle: \"标题\"\n<p>正文</p>\n", "broken.md"))
                .isInstanceOf(ImportException.class)
                .hasMessage("The front matter is not closed: the line '---' that ends it is missing.");
    }

    @Test
    void rejectsAPostWithNeitherTitleNorBody() {
        assertThatThrownBy(() -> parser.parse("---\nlayout: post\n---\n\n", "empty.md"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("neither a title nor a body");
    }

    @Test
    void rejectsAnEmptyText() {
        assertThatThrownBy(() -> parser.parse("  \n ", "blank.txt"))
                .isInstanceOf(ImportException.class).hasMessageContaining("empty");
    }

    @Test
    void usesTheFileNameWhenAPostHasNoTitleField() {
        ParsedPost post = parser.parse("---\nlayout: post\n---\n正文只有一行，没有标题。", "dir/2020-10-01-文件名.md");
        assertThat(post.title()).isEqualTo("正文只有一行，没有标题。");
        ParsedPost html = parser.parse("---\nlayout: post\n---\n<div><img src=\"a.jpg\"></div>", "dir/2020-10-01-文件名.md");
        assertThat(html.title()).isEqualTo("2020-10-01-文件名");
    }
}
