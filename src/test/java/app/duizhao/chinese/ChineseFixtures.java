package app.duizhao.chinese;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One dictionary, segmenter and glosser shared by the tests (loading CC-CEDICT takes a moment). */
public final class ChineseFixtures {

    public static final ChineseDictionary DICTIONARY = new ChineseDictionary();
    public static final ChineseSegmenter SEGMENTER = new ChineseSegmenter();
    public static final ChineseGlosser GLOSSER = new ChineseGlosser(DICTIONARY);

    private ChineseFixtures() {
    }

    /** The text of the {@code <p>} paragraphs of the seed post. */
    public static List<String> seedParagraphs() {
        try (InputStream in = ChineseFixtures.class.getResourceAsStream("/corpus-seed/seed-post.md")) {
            String md = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("<p>(.*?)</p>").matcher(md);
            List<String> out = new ArrayList<>();
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
