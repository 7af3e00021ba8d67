package app.duizhao.importing;

import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.LibraryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(properties = "duizhao.import.max-bytes=200000")
@ActiveProfiles("test")
class ImportFormatsTest {

    @Autowired
    ImportService importer;

    @Autowired
    LibraryService library;

    private ArticleSnapshot imported(String name, String content) {
        return imported(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private ArticleSnapshot imported(String name, byte[] content) {
        ImportResult result = importer.importFile(name, content);
        assertThat(result.duplicate()).isFalse();
        return library.snapshot(result.articleId()).orElseThrow();
    }

    @Test
    void aHugoPostWithTomlFrontMatterAndAMarkdownBodyKeepsItsMetadata() {
        ArticleSnapshot article = imported("hugo.md", """
                +++
                title = "上海车展开幕 电动车成主角"
                date = 2024-04-25T09:30:00+08:00
                authors = ["王芳", "李明"]
                source = "https://example.com/auto/2024/shanghai/"
                tags = ["汽车", "上海"]
                categories = ["经济"]
                [params]
                draft = false
                +++

                ## 展馆现场

                第二十届上海国际汽车工业展览会今天开幕，**电动车**成为全场焦点。

                - 参展企业超过一千家
                - 新车发布一百多款
                """);

        assertThat(article.title()).isEqualTo("上海车展开幕 电动车成主角");
        assertThat(article.author()).isEqualTo("王芳");
        assertThat(article.sourceUrl()).isEqualTo("https://example.com/auto/2024/shanghai");
        assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.of(2024, 4, 25, 9, 30, 0, 0, ZoneOffset.ofHours(8)));
        assertThat(article.tags()).containsExactly("汽车", "上海");
        assertThat(article.sourceName()).isEqualTo("经济");
        assertThat(article.blocks()).extracting(ArticleSnapshot.SnapshotBlock::kind)
                .containsExactly("heading", "paragraph", "list-item", "list-item");
        assertThat(article.blocks().get(1).text()).isEqualTo("第二十届上海国际汽车工业展览会今天开幕，电动车成为全场焦点。");
    }

    @Test
    void aYamlPostWithHugoKeysAndAnHtmlBodyIsRead() {
        ArticleSnapshot article = imported("yaml.md", """
                ---
                title: 北京迎来初雪
                author: 张三
                link: https://example.com/weather/snow#top
                date: 2023-12-11
                ---
                <p>北京今天迎来今冬初雪，气温降至零下五度。</p>
                <div class="advertisement">订阅我们的新闻</div>
                """);

        assertThat(article.author()).isEqualTo("张三");
        assertThat(article.sourceUrl()).isEqualTo("https://example.com/weather/snow");
        assertThat(article.blocks()).singleElement().extracting(ArticleSnapshot.SnapshotBlock::text)
                .isEqualTo("北京今天迎来今冬初雪，气温降至零下五度。");
    }

    @Test
    void aFullHtmlPageGivesItsMetadataAndOnlyItsMainText() {
        ArticleSnapshot article = imported("page.html", """
                <!doctype html>
                <html><head>
                <title>Fallback title | Site</title>
                <meta property="og:title" content="台风“海葵”登陆福建">
                <meta name="author" content="陈记者">
                <meta property="article:published_time" content="2023-09-05T08:00:00Z">
                <link rel="canonical" href="https://news.example.com/typhoon/123/">
                <meta property="og:site_name" content="示例新闻">
                <script type="application/ld+json">{"@type":"NewsArticle","headline":"JSON-LD 标题",
                  "datePublished":"2020-01-01T00:00:00Z","author":{"@type":"Person","name":"别人"}}</script>
                </head><body>
                <nav><a href="/">首页</a> <a href="/world">国际</a> <a href="/china">中国</a> <a href="/tech">科技新闻频道入口链接</a></nav>
                <div class="layout">
                  <div class="story">
                    <p>台风“海葵”今天上午在福建东山县沿海登陆，登陆时中心附近最大风力有十三级。</p>
                    <p>受其影响，福建、广东等地出现强降雨，多地学校停课，航班取消。</p>
                    <p>气象部门提醒公众注意防范台风带来的次生灾害，减少外出。</p>
                  </div>
                  <div class="sidebar"><p><a href="/a">热门文章：一篇很长很长的推荐文章标题链接在这里</a></p></div>
                </div>
                <footer><p>版权所有 © 示例新闻 保留所有权利 未经许可不得转载</p></footer>
                </body></html>
                """);

        assertThat(article.title()).isEqualTo("台风“海葵”登陆福建");
        assertThat(article.author()).isEqualTo("陈记者");
        assertThat(article.sourceName()).isEqualTo("示例新闻");
        assertThat(article.sourceUrl()).isEqualTo("https://news.example.com/typhoon/123");
        assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.of(2023, 9, 5, 8, 0, 0, 0, ZoneOffset.UTC));
        assertThat(article.blocks()).extracting(ArticleSnapshot.SnapshotBlock::text).containsExactly(
                "台风“海葵”今天上午在福建东山县沿海登陆，登陆时中心附近最大风力有十三级。",
                "受其影响，福建、广东等地出现强降雨，多地学校停课，航班取消。",
                "气象部门提醒公众注意防范台风带来的次生灾害，减少外出。");
    }

    @Test
    void jsonLdFillsInWhatMetaTagsLack() {
        ArticleSnapshot article = imported("ld.html", """
                <html><head><title>x</title>
                <script type="application/ld+json">[{"@type":"WebSite"},{"@type":"NewsArticle","headline":"央行降息",
                "datePublished":"2024-02-20T10:00:00+08:00","author":[{"name":"刘一"},{"name":"周二"}],
                "url":"https://finance.example.com/rate"}]</script></head>
                <body><article><p>中国人民银行今天宣布下调贷款市场报价利率，五年期以上下调二十五个基点。</p></article></body></html>
                """);

        assertThat(article.title()).isEqualTo("央行降息");
        assertThat(article.author()).isEqualTo("刘一, 周二");
        assertThat(article.sourceUrl()).isEqualTo("https://finance.example.com/rate");
        assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.of(2024, 2, 20, 10, 0, 0, 0, ZoneOffset.ofHours(8)));
    }

    @Test
    void gbkAndBig5FilesAreImportedAndTraditionalIsRecognised() {
        ArticleSnapshot gbk = imported("gbk.txt", "上海今天举行国际进口博览会，来自一百多个国家的企业参展。\n"
                .getBytes(Charset.forName("GBK")));
        assertThat(gbk.blocks().getFirst().text()).isEqualTo("上海今天举行国际进口博览会，来自一百多个国家的企业参展。");
        assertThat(gbk.language()).isEqualTo("zh-Hans");

        ArticleSnapshot big5 = imported("big5.html", ("<html><head><meta charset=\"big5\"><title>颱風消息</title></head>"
                + "<body><p>中央氣象局表示，颱風將於明天接近臺灣東部海面，請民眾注意。</p></body></html>")
                .getBytes(Charset.forName("Big5")));
        assertThat(big5.title()).isEqualTo("颱風消息");
        assertThat(big5.blocks().getFirst().text()).isEqualTo("中央氣象局表示，颱風將於明天接近臺灣東部海面，請民眾注意。");
        assertThat(big5.language()).isEqualTo("zh-Hant");
    }

    @Test
    void theSameSourceLinkSpelledDifferentlyIsADuplicate() {
        String post = """
                ---
                title: 第一版
                from: https://Example.com/news/%E7%BB%8F%E6%B5%8E/
                ---
                <p>这是第一版的正文，讲述经济新闻。</p>
                """;
        ImportResult first = importer.importFile("v1.md", post.getBytes(StandardCharsets.UTF_8));
        ImportResult second = importer.importFile("v2.md", post.replace("第一版", "第二版")
                .replace("https://Example.com/news/%E7%BB%8F%E6%B5%8E/", "https://example.com/news/经济#comments")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(second.duplicate()).isTrue();
        assertThat(second.articleId()).isEqualTo(first.articleId());
    }

    @Test
    void errorsCarryAKindTheApiCanMapToAStatus() {
        assertThatThrownBy(() -> importer.importFile("big.md", new byte[300_000]))
                .isInstanceOfSatisfying(ImportException.class,
                        e -> assertThat(e.kind()).isEqualTo(ImportException.Kind.TOO_LARGE));
        assertThatThrownBy(() -> importer.importFile("photo.png", new byte[]{1, 2}))
                .isInstanceOfSatisfying(ImportException.class,
                        e -> assertThat(e.kind()).isEqualTo(ImportException.Kind.UNSUPPORTED));
        assertThatThrownBy(() -> importer.importFile("post.md", "---\ntitle: x\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ImportException.class,
                        e -> assertThat(e.kind()).isEqualTo(ImportException.Kind.INVALID));
        assertThatThrownBy(() -> importer.importUrl("http://127.0.0.1:9/admin"))
                .isInstanceOfSatisfying(ImportException.class,
                        e -> assertThat(e.kind()).isEqualTo(ImportException.Kind.REFUSED_URL));
        assertThatThrownBy(() -> importer.importUrl("file:///etc/passwd"))
                .isInstanceOfSatisfying(ImportException.class,
                        e -> assertThat(e.kind()).isEqualTo(ImportException.Kind.REFUSED_URL));
    }
}
