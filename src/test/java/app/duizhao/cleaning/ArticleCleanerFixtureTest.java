package app.duizhao.cleaning;

import app.duizhao.importing.ParsedPost;
import app.duizhao.importing.PostParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One hand-written post per source of {@code SOURCES.md}, reproducing its markup with sentences of our own. Each
 * {@code fixtures/<name>.md} has a {@code fixtures/<name>.expected} listing the exact blocks
 * ({@code KIND | text [| imageUrl]}) and, on its last line, the removal reasons in order.
 */
class ArticleCleanerFixtureTest {

    private final PostParser parser = new PostParser();
    private final ArticleCleaner cleaner = new ArticleCleaner();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zaobao-old", "zaobao-new", "cna", "voa", "dw", "nyt", "bbc-2014", "bbc-2020", "bbc-2021",
            "rti", "bitter-winter", "weiquan", "epoch", "rfi", "reuters", "solidot", "cdt-zh", "cdt-en", "economist",
            "neist", "rfa", "cctv", "ft"})
    void cleansEachSourceFixtureIntoExactlyTheExpectedBlocksAndRemovals(String name) throws IOException {
        ParsedPost post = parser.parse(resource(name + ".md"), name + ".md");
        CleanedArticle cleaned = cleaner.clean(post.body(), post.title());

        List<String> expected = new ArrayList<>(resource(name + ".expected").lines().toList());
        String removedLine = expected.removeLast();
        List<String> actual = cleaned.blocks().stream()
                .map(b -> b.kind() + " | " + b.text() + (b.imageUrl() == null ? "" : " | " + b.imageUrl()))
                .toList();
        assertThat(actual).as("blocks of %s", name).containsExactlyElementsOf(expected);

        String reasons = removedLine.substring("removed:".length()).strip();
        List<String> expectedReasons = reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split(",\\s*"));
        assertThat(cleaned.removed()).extracting(RemovedFragment::reason).as("removed of %s", name)
                .containsExactlyElementsOf(expectedReasons);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ArticleCleanerFixtureTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
