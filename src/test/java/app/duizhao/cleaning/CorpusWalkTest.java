package app.duizhao.cleaning;

import app.duizhao.importing.ParsedPost;
import app.duizhao.importing.PostParser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Parses and cleans every post of the licensed corpus (read in place, never copied); skipped when it is absent. */
class CorpusWalkTest {

    /** Markers of noise that must never reach a block. */
    private static final List<String> NOISE_MARKERS = List.of("获取更多RSS", "subscribe.sph", "你的器材不支持播放多媒体材料",
            "first appeared on Bitter Winter", "appeared first on", "延伸閱讀", "延伸阅读", "订阅NYT简报", "|Permalink",
            "Feed enhanced by", "图像来源，", "图像加注文字，");
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9]*(?:\\s[^<>]*)?/?>");
    /**
     * Containers the cleaner removes as noise, selected independently here for the "no paragraph lost" check; a
     * {@code <p>} inside one of them may legitimately disappear.
     */
    private static final String NOISE_CONTAINERS = "script, style, noscript, iframe, video, audio, template, svg, "
            + "footer, nav, [class*=moreArticle], [id^=adslot], [class*=adslot], [id^=dfp-ad], section#imu, "
            + "[class*=o-self-promo], [class*=social-embed], [class*=bbc-news-vj-embed], [class*=infogram], "
            + "[class*=code-block], [class*=o-ads], blockquote.twitter-tweet, [class*=Subscription], "
            + "section[class*=widget], ul:has(a.external-link), [data-test-id=Footnote], .t-copyright";

    /** feedx date header and footer, RTI's more-link, the "The post … appeared first on" feed line. */
    private static final String FEED_FRAMING = "div > i:only-child, div:matchesOwn(获取更多RSS), a:matchesOwn(^\\.\\.\\.more$), "
            + "p:matchesOwn(^The post)";

    private final PostParser parser = new PostParser();
    private final ArticleCleaner cleaner = new ArticleCleaner();

    @Test
    void cleansEveryCorpusPostWithoutLosingParagraphsOrKeepingNoise() throws IOException {
        Path posts = Corpus.postsOrSkip();
        List<Path> files;
        try (Stream<Path> list = Files.list(posts)) {
            files = list.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        int blockCount = 0;
        int removedCount = 0;
        List<String> problems = new ArrayList<>();
        long cleaningNanos = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            String text = Files.readString(file, StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            ParsedPost post = parser.parse(text, name);
            CleanedArticle cleaned = cleaner.clean(PostParser.bodyAsHtml(post), post.title());
            cleaningNanos += System.nanoTime() - t0;
            blockCount += cleaned.blocks().size();
            removedCount += cleaned.removed().size();
            check(name, post, cleaned, problems);
        }
        long millis = cleaningNanos / 1_000_000;
        System.out.printf("Corpus walk: %d posts, %d blocks, %d removed fragments, %d ms parsing and cleaning%n",
                files.size(), blockCount, removedCount, millis);
        assertThat(problems).isEmpty();
        assertThat(millis).as("cleaning the corpus must stay fast").isLessThan(15_000);
    }

    private static void check(String name, ParsedPost post, CleanedArticle cleaned, List<String> problems) {
        String title = TextNormalizer.normalize(post.title());
        Document raw = Jsoup.parseBodyFragment(post.body());
        raw.select(NOISE_CONTAINERS + ", " + FEED_FRAMING).remove();
        String ownText = TextNormalizer.normalize(raw.body().text()).replace(title, "");
        if (ownText.length() >= 20 && cleaned.blocks().isEmpty()) {
            problems.add(name + ": no block although the body has " + ownText.length() + " characters of text");
        }
        for (int i = 0; i < cleaned.blocks().size(); i++) {
            CleanBlock block = cleaned.blocks().get(i);
            String text = block.text();
            if (block.kind() == BlockKind.IMAGE) {
                if (block.imageUrl() == null || block.imageUrl().isBlank()) {
                    problems.add(name + ": image without address");
                }
            } else if (text.isBlank()) {
                problems.add(name + ": empty " + block.kind());
            }
            if (!text.equals(text.strip())) {
                problems.add(name + ": untrimmed block '" + text + "'");
            }
            for (String marker : NOISE_MARKERS) {
                if (text.contains(marker)) {
                    problems.add(name + ": noise marker '" + marker + "' in '" + text + "'");
                }
            }
            if (text.contains("责任编辑") && block.kind() != BlockKind.BYLINE) {
                problems.add(name + ": editor credit outside a byline: '" + text + "'");
            }
            if (text.endsWith("...more") || text.endsWith("…more")) {
                problems.add(name + ": RTI more-link kept: '" + text + "'");
            }
            if (TAG.matcher(text).find() || text.contains("&nbsp;")) {
                problems.add(name + ": markup in block '" + text + "'");
            }
            // The title is never repeated as a heading, nor as the first text block.
            if (text.equals(title) && (block.kind() == BlockKind.HEADING
                    || block.kind() == BlockKind.PARAGRAPH && isFirstTextBlock(cleaned.blocks(), i))) {
                problems.add(name + ": title repeated as " + block.kind());
            }
        }
        checkNoParagraphLost(name, title, raw, cleaned, problems);
    }

    private static boolean isFirstTextBlock(List<CleanBlock> blocks, int index) {
        for (int i = 0; i < index; i++) {
            if (blocks.get(i).kind() != BlockKind.IMAGE) {
                return false;
            }
        }
        return true;
    }

    /** Every {@code <p>} of 15+ characters outside noise containers appears, in order-free form, in the blocks. */
    private static void checkNoParagraphLost(String name, String title, Document raw, CleanedArticle cleaned,
                                             List<String> problems) {
        StringBuilder all = new StringBuilder();
        for (CleanBlock block : cleaned.blocks()) {
            all.append(squash(block.text()));
        }
        String joined = all.toString();
        for (Element p : raw.select("p")) {
            if (!p.select("p").stream().filter(x -> x != p).toList().isEmpty()) {
                continue; // a <p> holding other <p>s (broken markup): its children are checked themselves
            }
            String text = TextNormalizer.normalize(p.text());
            if (text.length() < 15 || text.equals(title) || isKnownBoilerplate(text)) {
                continue;
            }
            // Deliberately removed: NYT's link to the English version.
            String squashed = squash(text.replace("点击查看本文英文版。", ""));
            if (text.endsWith("...more")) {
                squashed = squash(text.substring(0, text.length() - "...more".length()));
            }
            if (!joined.contains(squashed)) {
                problems.add(name + ": paragraph lost: '" + text + "'");
            }
        }
    }

    private static boolean isKnownBoilerplate(String text) {
        return text.startsWith("The post ") || text.contains("获取更多RSS") || text.contains("订阅NYT简报")
                || text.contains("|Permalink") || text.startsWith("Post tags:") || text.startsWith("Feed enhanced by")
                || text.startsWith("This article appeared in") || text.contains("我们的标准：汤森路透");
    }

    /** Text without any whitespace: block boundaries and <br> splits must not count as losses. */
    private static String squash(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        String normalized = TextNormalizer.normalize(text);
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (c != ' ' && c != '\u3000' && c != '#') {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
