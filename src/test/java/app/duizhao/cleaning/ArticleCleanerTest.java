package app.duizhao.cleaning;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The cleaner's general rules, independent of any one source. */
class ArticleCleanerTest {

    private final ArticleCleaner cleaner = new ArticleCleaner();

    private List<String> blocks(String html) {
        return cleaner.clean(html, "文章标题").blocks().stream().map(b -> b.kind() + ":" + b.text()).toList();
    }

    @Test
    void collapsesEveryKindOfWhitespaceIncludingZeroWidthToOneSpaceButKeepsPunctuationAsWritten() {
        assertThat(blocks("<p>\t第一\r\n句\u00A0话\u2028，\uFEFF“引号”\u200B!  (half) ，\uE001完\u3000</p>"))
                .containsExactly("PARAGRAPH:第一 句 话 ， “引号” ! (half) ，完");
    }

    @Test
    void keepsLiquidBracesAsPlainText() {
        assertThat(blocks("<p>模板 {{ page.title }} 与 {% raw %}</p>")).containsExactly("PARAGRAPH:模板 {{ page.title }} 与 {% raw %}");
    }

    @Test
    void splitsBrSeparatedRunsOfOneDivIntoParagraphs() {
        assertThat(blocks("<div>第一段文字。<br><br>第二段文字<br>接着写<br>这一段的长度已经超过了二十个字符的限度了<br>"
                + "下一段也同样写得足够长足够长足够长足够长</div>"))
                .containsExactly("PARAGRAPH:第一段文字。", "PARAGRAPH:第二段文字 接着写 这一段的长度已经超过了二十个字符的限度了",
                        "PARAGRAPH:下一段也同样写得足够长足够长足够长足够长");
    }

    @Test
    void givesOneBlockPerNestedQuoteListItemAndCaption() {
        assertThat(blocks("<blockquote><p>引用一</p></blockquote><ul><li><p>条目</p></li></ul>"
                + "<figure><img src=\"https://a.b/c.jpg\" alt=\"图\"><figcaption><p>说明</p></figcaption></figure>"))
                .containsExactly("QUOTE:引用一", "LIST_ITEM:条目", "IMAGE:图", "CAPTION:说明");
    }

    @Test
    void joinsTableCellsIntoOneRow() {
        assertThat(blocks("<table><tr><th>月份</th><th>人数</th></tr><tr><td><p>一月</p></td><td>161</td><td> </td></tr></table>"))
                .containsExactly("TABLE_ROW:月份 | 人数", "TABLE_ROW:一月 | 161");
    }

    @Test
    void yieldsParagraphsFromBareTextContainers() {
        assertThat(blocks("<div>没有段落标签的文字<div>嵌套的文字</div>结尾文字</div>"))
                .containsExactly("PARAGRAPH:没有段落标签的文字", "PARAGRAPH:嵌套的文字", "PARAGRAPH:结尾文字");
    }

    @Test
    void takesLazyLoadedImageAddressesAndUnwrapsTheImageProxy() {
        CleanedArticle cleaned = cleaner.clean("<img class=\"lazyload\" src=\"data:image/gif;base64,AA\" data-original=\"//cdn.x/y.jpg\">"
                + "<img src=\"https://images.weserv.nl/?url=gdb.voanews.com%2Fa.jpg&w=900\">", null);
        assertThat(cleaned.blocks()).extracting(CleanBlock::imageUrl)
                .containsExactly("https://cdn.x/y.jpg", "https://gdb.voanews.com/a.jpg");
    }

    @Test
    void removesScriptsStylesEmbedsPixelsAndCommentsWithTheirReasons() {
        CleanedArticle cleaned = cleaner.clean("<!-- note --><script>var a=1;</script><style>p{}</style><noscript>x</noscript>"
                + "<iframe src=\"https://www.youtube.com/embed/a\"></iframe><video src=\"v.mp4\"></video>"
                + "<img src=\"https://t.example/p.gif\" width=\"1\" height=\"1\"><div class=\"share-tools\">分享</div>"
                + "<p>正文。</p>", null);
        assertThat(cleaned.blocks()).extracting(CleanBlock::text).containsExactly("正文。");
        assertThat(cleaned.removed()).extracting(RemovedFragment::reason)
                .containsExactly("comment", "script", "style", "script", "iframe", "video", "tracking-pixel", "share");
    }

    @Test
    void dropsTheRepeatedTitleHeadingButKeepsOtherHeadings() {
        CleanedArticle cleaned = cleaner.clean("<h1>文章标题</h1><h2>小标题</h2><p>正文。</p>", "  文章标题 ");
        assertThat(cleaned.blocks()).extracting(b -> b.kind() + ":" + b.text())
                .containsExactly("HEADING:小标题", "PARAGRAPH:正文。");
        assertThat(cleaned.removed()).extracting(RemovedFragment::reason).containsExactly("duplicate-title");
    }

    @Test
    void marksShortCreditsAsBylinesButKeepsReporterLeadsAndInterviewLinesAsParagraphs() {
        assertThat(blocks("<p>（中央社記者王小明台北1日電）今天天氣晴朗，民眾出遊。</p><p>记者：谢谢您接受本台的采访。</p>"
                + "<p>責任編輯：李四</p><p>By Jane Doe</p>"))
                .containsExactly("PARAGRAPH:（中央社記者王小明台北1日電）今天天氣晴朗，民眾出遊。", "PARAGRAPH:记者：谢谢您接受本台的采访。",
                        "BYLINE:責任編輯：李四", "BYLINE:By Jane Doe");
    }

    @Test
    void neverReturnsAnEmptyBlock() {
        assertThat(cleaner.clean("<p> </p><p>&nbsp;</p><div>\u200B</div><li></li><figcaption> </figcaption>", null).blocks())
                .isEmpty();
        assertThat(cleaner.clean(null, null).blocks()).isEmpty();
    }
}
