package app.duizhao.cleaning;

import app.duizhao.importing.ImportException;
import app.duizhao.importing.ParsedPost;
import app.duizhao.importing.PostParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Random, mutated and hostile inputs through PostParser and ArticleCleaner: only ImportException may escape. */
class CleanerRobustnessTest {

    private static final String[] FIXTURES = {"zaobao-new", "cna", "voa", "bbc-2021", "rti", "bitter-winter",
            "weiquan", "epoch", "rfi", "neist", "rfa", "economist"};
    private static final String[] TAGS = {"div", "p", "li", "ul", "table", "tr", "td", "blockquote", "figure",
            "figcaption", "span", "a", "b", "h2", "section", "script", "style", "iframe", "br", "img", "small", "i"};

    private final PostParser parser = new PostParser();
    private final ArticleCleaner cleaner = new ArticleCleaner();

    /**
     * The time limits in this class only catch a hang (a parser loop or catastrophic backtracking), never speed:
     * CI machines are shared and loaded, and speed is measured by {@code bench/run ImportBenchmark}. Under a load
     * average of 18 the 2,000 inputs took over 20 s, so the limits are minutes, not seconds.
     */
    private static final Duration HANG = Duration.ofMinutes(5);

    @Test
    void survivesMoreThanTwoThousandRandomAndMutatedInputsWithoutHanging() throws IOException {
        List<String> inputs = generate(new Random(20211124L));
        assertThat(inputs).hasSizeGreaterThanOrEqualTo(2000);
        int[] imported = {0};
        assertTimeoutPreemptively(HANG, () -> {
            for (String input : inputs) {
                if (runOne(input)) {
                    imported[0]++;
                }
            }
        });
        assertThat(imported[0]).isGreaterThan(1000);
    }

    @Test
    void cleansTenThousandNestedElementsWithoutOverflowingTheStack() {
        String deep = "<div>".repeat(10_000) + "<p>深处的段落。</p>" + "</div>".repeat(10_000);
        CleanedArticle cleaned = assertTimeoutPreemptively(HANG, () -> cleaner.clean(deep, "标题"));
        assertThat(cleaned.blocks()).extracting(CleanBlock::text).containsExactly("深处的段落。");

        String unclosed = "<blockquote><span>".repeat(10_000) + "文字";
        CleanedArticle unclosedResult = assertTimeoutPreemptively(HANG, () -> cleaner.clean(unclosed, null));
        assertThat(unclosedResult.blocks()).extracting(CleanBlock::text).containsExactly("文字");
    }

    /** @return whether the input was imported (false: a user-facing ImportException) */
    private boolean runOne(String input) {
        ParsedPost post;
        try {
            post = parser.parse(input, "fuzz.md");
        } catch (ImportException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return false;
        }
        CleanedArticle cleaned = cleaner.clean(PostParser.bodyAsHtml(post), post.title());
        for (CleanBlock block : cleaned.blocks()) {
            if (block.kind() != BlockKind.IMAGE) {
                assertThat(block.text()).isNotBlank();
            }
        }
        return true;
    }

    private List<String> generate(Random random) throws IOException {
        List<String> fixtures = new ArrayList<>();
        for (String name : FIXTURES) {
            try (InputStream in = getClass().getResourceAsStream("/fixtures/" + name + ".md")) {
                fixtures.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 520; i++) { // random bytes decoded as text
            byte[] bytes = new byte[random.nextInt(2000)];
            random.nextBytes(bytes);
            inputs.add(new String(bytes, i % 2 == 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
        }
        for (int i = 0; i < 600; i++) { // truncated fixtures
            String f = fixtures.get(random.nextInt(fixtures.size()));
            inputs.add(f.substring(0, random.nextInt(f.length() + 1)));
        }
        for (int i = 0; i < 600; i++) { // mutated fixtures: deletions, duplications, stray characters
            StringBuilder sb = new StringBuilder(fixtures.get(random.nextInt(fixtures.size())));
            for (int m = 0; m < 10; m++) {
                int at = random.nextInt(sb.length() + 1);
                switch (random.nextInt(4)) {
                    case 0 -> sb.delete(at, Math.min(sb.length(), at + random.nextInt(40)));
                    case 1 -> sb.insert(at, "<" + TAGS[random.nextInt(TAGS.length)] + ">");
                    case 2 -> sb.insert(at, "</" + TAGS[random.nextInt(TAGS.length)] + ">");
                    default -> sb.insert(at, "\r\u2028\uFEFF\u00A0\t\uE000{{ x }}\"---\n".charAt(random.nextInt(14)));
                }
            }
            inputs.add(sb.toString());
        }
        for (int i = 0; i < 300; i++) { // unbalanced random tag soup
            StringBuilder sb = new StringBuilder("---\ntitle: 随机\n---\n");
            for (int t = 0; t < 300; t++) {
                String tag = TAGS[random.nextInt(TAGS.length)];
                sb.append(random.nextBoolean() ? "<" + tag + " class=\"adslot x\">" : "</" + tag + ">");
                if (random.nextInt(3) == 0) {
                    sb.append("文字").append(t).append(random.nextBoolean() ? "<br>" : "。");
                }
            }
            inputs.add(sb.toString());
        }
        String hugeAttribute = "x".repeat(200_000);
        for (int i = 0; i < 6; i++) { // huge attribute values and deep nesting
            inputs.add("<p title=\"" + hugeAttribute + "\">正文<img src=\"" + hugeAttribute + "\" alt=\"" + hugeAttribute + "\"></p>");
            if (i < 2) { // the 10,000-deep case has its own test; two 2,000-deep unclosed soups suffice here
                inputs.add("---\ntitle: 深\n---\n" + "<div><span>".repeat(2_000 + i) + "深处");
            }
            inputs.add("---\ntitle: \"" + hugeAttribute + "\n---\n<p>正文</p>");
        }
        inputs.add("<div>".repeat(10_000) + "<p>深处。</p>" + "</div>".repeat(10_000));
        return inputs;
    }
}
