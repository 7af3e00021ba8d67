package app.duizhao.importing;

import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.LibraryService;
import app.duizhao.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(properties = "duizhao.import.max-bytes=100000")
@ActiveProfiles("test")
class ImportServiceTest {

    @Autowired
    ImportService importer;

    @Autowired
    LibraryService library;

    @Test
    void importsTheSeedPostWithItsMetadataAndCleanParagraphs() {
        ImportResult result = importer.importFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost());

        ArticleSnapshot article = library.snapshot(result.articleId()).orElseThrow();
        assertThat(article.title()).isEqualTo("秦刚：中美关系的大球仍需小球推动");
        assertThat(article.sourceName()).isEqualTo("联合早报");
        assertThat(article.sourceUrl()).isEqualTo("https://www.zaobao.com/realtime/china/story20211124-1216585");
        assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.of(2021, 11, 24, 6, 44, 41, 616_000_000,
                ZoneOffset.UTC));
        assertThat(article.language()).isEqualTo("zh-Hans");
        assertThat(article.blocks()).hasSize(6);
        assertThat(article.blocks().getFirst().text()).startsWith("中国驻美大使秦刚在中美“乒乓外交”50周年纪念活动致辞时表示");
        assertThat(article.blocks().getLast().text()).startsWith("秦刚指出，50年后");
        assertThat(article.blocks()).allSatisfy(block -> {
            assertThat(block.text()).doesNotContain("subscribe", "dfp-ad", "paywall");
            assertThat(block.kind()).isEqualTo("paragraph");
        });
    }

    @Test
    void importingTheSamePostTwiceStoresItOnce() {
        long before = library.count();
        ImportResult first = importer.importFile("a.md", Fixtures.seedPost());
        ImportResult second = importer.importFile("b.md", Fixtures.seedPost());

        assertThat(second.articleId()).isEqualTo(first.articleId());
        assertThat(second.duplicate()).isTrue();
        assertThat(library.count()).isLessThanOrEqualTo(before + 1);
    }

    @Test
    void pastedPlainChineseTextBecomesOneBlockPerParagraph() {
        ImportResult result = importer.importText("""
                今天北京天气晴朗，气温回升。

                市民纷纷走出家门，到公园散步。
                """);

        ArticleSnapshot article = library.snapshot(result.articleId()).orElseThrow();
        assertThat(article.blocks()).extracting(ArticleSnapshot.SnapshotBlock::text)
                .containsExactly("今天北京天气晴朗，气温回升。", "市民纷纷走出家门，到公园散步。");
        assertThat(article.title()).isNotBlank();
    }

    @Test
    void aBinaryFileIsRefusedWithAClearMessageAndNothingIsStored() {
        long before = library.count();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'};

        assertThatThrownBy(() -> importer.importFile("photo.md", png))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("not a text file");
        assertThat(library.count()).isEqualTo(before);
    }

    @Test
    void aGbkFileIsDecodedButBytesInNoKnownEncodingAreRefusedWithAClearMessage() {
        byte[] gbk = "---\ntitle: 测试\n---\n<p>这是用GBK编码保存的文章。</p>".getBytes(Charset.forName("GBK"));
        ImportResult result = importer.importFile("gbk.md", gbk);
        assertThat(library.snapshot(result.articleId()).orElseThrow().title()).isEqualTo("测试");

        long before = library.count();
        byte[] garbage = {'-', '-', '-', '\n', (byte) 0x81, (byte) 0x7F, (byte) 0xFF, (byte) 0xFE, (byte) 0x80, '\n'};
        assertThatThrownBy(() -> importer.importFile("bad.md", garbage))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("not valid UTF-8");
        assertThat(library.count()).isEqualTo(before);
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThatThrownBy(() -> importer.importFile("empty.md", new byte[0]))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedWithBothSizes() {
        byte[] huge = new byte[150_000];
        Arrays.fill(huge, (byte) 'a');

        assertThatThrownBy(() -> importer.importFile("huge.md", huge))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("0.2 MB")
                .hasMessageContaining("0.1 MB");
    }

    @Test
    void aFileOfAnotherKindIsNotAPost() {
        assertThatThrownBy(() -> importer.importFile("report.pdf", "%PDF-1.7".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("is not a post");
    }

    @Test
    void aPostWhoseBodyIsOnlyAdsHasNoTextToRead() {
        String post = """
                ---
                title: "只有广告"
                ---
                <div><div id="dfp-ad-imu1">   </div><script>var x = 1;</script><div class="cx_paywall_placeholder"></div></div>
                """;
        long before = library.count();

        assertThatThrownBy(() -> importer.importFile("ads.md", post.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("no text");
        assertThat(library.count()).isEqualTo(before);
    }

    @Test
    void brokenHtmlIsStillReadParagraphByParagraph() {
        String post = """
                ---
                title: "残缺的网页"
                ---
                <div><p>第一段没有闭合<p>第二段<b>加粗没有闭合<div><p>第三段</div></span></span>
                """;

        ImportResult result = importer.importFile("broken.md", post.getBytes(StandardCharsets.UTF_8));

        assertThat(library.snapshot(result.articleId()).orElseThrow().blocks())
                .extracting(ArticleSnapshot.SnapshotBlock::text)
                .containsExactly("第一段没有闭合", "第二段加粗没有闭合", "第三段");
    }

    @Test
    void emptyPasteIsRefused() {
        assertThatThrownBy(() -> importer.importText("   \n "))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("no text");
    }
}
