package app.duizhao.cleaning;

import app.duizhao.importing.ParsedPost;
import app.duizhao.importing.PostParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The founding post (new Zaobao markup): the cleaner's first promise. */
class ArticleCleanerSeedPostTest {

    private static CleanedArticle cleaned;

    @BeforeAll
    static void cleanSeedPost() throws IOException {
        String text;
        try (InputStream in = ArticleCleanerSeedPostTest.class.getResourceAsStream("/corpus-seed/seed-post.md")) {
            assertThat(in).as("seed post resource").isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ParsedPost post = new PostParser().parse(text, "seed-post.md");
        cleaned = new ArticleCleaner().clean(post.body(), post.title());
    }

    @Test
    void keepsEveryParagraphOfTheSeedPostInOrder() {
        assertThat(cleaned.blocks()).hasSize(6).allMatch(block -> block.kind() == BlockKind.PARAGRAPH);
        assertThat(cleaned.blocks().getFirst().text()).startsWith("中国驻美大使秦刚在中美");
        assertThat(cleaned.blocks().get(1).text()).startsWith("据中国驻美国大使馆网站消息");
        assertThat(cleaned.blocks().get(2).text()).startsWith("秦刚说，近年来");
        assertThat(cleaned.blocks().get(3).text()).startsWith("秦刚表示，真诚希望");
        assertThat(cleaned.blocks().get(4).text()).startsWith("他表示，正如尼克松总统");
        assertThat(cleaned.blocks().getLast().text()).startsWith("秦刚指出，50年后");
    }

    @Test
    void leavesNoAdPaywallOrSubscribeTextInTheBlocks() {
        assertThat(cleaned.blocks()).noneMatch(block -> block.text().contains("subscribe")
                || block.text().contains("paywall") || block.text().contains("dfp") || block.text().isBlank());
        assertThat(cleaned.blocks()).noneMatch(block -> block.kind() == BlockKind.IMAGE);
    }

    @Test
    void recordsTheAdsPaywallPlaceholderAndSubscribeBannersWithTheirReasons() {
        assertThat(cleaned.removed()).extracting(RemovedFragment::reason)
                .containsExactly("ad", "ad", "ad", "subscribe", "subscribe", "paywall");
        assertThat(cleaned.removed()).filteredOn(r -> r.reason().equals("subscribe"))
                .allMatch(r -> r.text().contains("subscribe.sph.com.sg"));
        assertThat(cleaned.removed()).filteredOn(r -> r.reason().equals("ad"))
                .extracting(RemovedFragment::text)
                .containsExactly("<section#imu>", "<div#innity-in-post>", "<div#dfp-ad-midarticlespecial>");
        assertThat(cleaned.removed()).filteredOn(r -> r.reason().equals("paywall")).singleElement()
                .extracting(RemovedFragment::text).asString().contains("cx_paywall_placeholder");
    }
}
