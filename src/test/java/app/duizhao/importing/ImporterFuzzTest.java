package app.duizhao.importing;

import app.duizhao.cleaning.ArticleCleaner;
import app.duizhao.library.LibraryService;
import app.duizhao.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Throws 10,000+ generated inputs at the importer: random bytes, mutated real fixtures (the per-source fixtures and the
 * seed post), random encodings, random nesting, random front matter and random zips. Most go through the read path
 * (decoder, parser, page extractor, cleaner — everything before the database); a sample of 1,000 goes all the way
 * through {@link ImportService} on H2. Only {@link ImportException} may escape; the article count changes only when an
 * import succeeds; the whole run has one generous time limit (no hang).
 */
@SpringBootTest(properties = "duizhao.import.max-bytes=300000")
@ActiveProfiles("test")
class ImporterFuzzTest {

    private static final String[] FIXTURES = {"bbc-2014", "bbc-2020", "bbc-2021", "bitter-winter", "cctv", "cdt-en",
            "cdt-zh", "cna", "dw", "economist", "epoch", "ft", "neist", "nyt", "reuters", "rfa", "rfi", "rti",
            "solidot", "voa", "weiquan", "zaobao-new", "zaobao-old"};
    private static final String[] CHARSETS = {"UTF-8", "GB18030", "GBK", "Big5", "UTF-16LE", "ISO-8859-1"};
    private static final String[] TAGS = {"p", "div", "span", "blockquote", "li", "ul", "table", "tr", "td", "h1",
            "article", "main", "nav", "script", "figure", "figcaption", "a", "img", "br", "section"};

    @Autowired
    ImportService importer;

    @Autowired
    ArticleCleaner cleaner;

    @Autowired
    LibraryService library;

    @Test
    void tenThousandGeneratedInputsRaiseOnlyImportExceptionsAndNeverHang() {
        List<byte[]> seeds = seeds();
        assertTimeoutPreemptively(Duration.ofSeconds(240), () -> {
            Random random = new Random(20240601);
            PostParser parser = new PostParser();
            int readPath = 0;
            for (int i = 0; i < 9_200; i++) {
                Input input = generate(random, seeds, i);
                try {
                    String text = importer.decode(input.bytes(), input.name(), null);
                    ParsedPost post = parser.parse(text, input.name());
                    cleaner.clean(PostParser.bodyAsHtml(post), post.title());
                } catch (ImportException expected) {
                    // a clear refusal is fine
                }
                readPath++;
            }
            int stored = 0;
            int refused = 0;
            for (int i = 0; i < 1_000; i++) {
                Input input = generate(random, seeds, 100_000 + i);
                long before = library.count();
                try {
                    ImportResult result = i % 5 == 0 ? importer.importText(new String(input.bytes(),
                            StandardCharsets.UTF_8)) : importer.importFile(input.name(), input.bytes());
                    assertThat(library.count()).isEqualTo(result.duplicate() ? before : before + 1);
                    stored++;
                } catch (ImportException expected) {
                    assertThat(library.count()).as("a refused input stores nothing").isEqualTo(before);
                    refused++;
                }
            }
            assertThat(readPath + stored + refused).isGreaterThanOrEqualTo(10_000);
            assertThat(stored).as("some generated inputs are good posts").isPositive();
            assertThat(refused).as("some generated inputs are refused").isPositive();
        });
    }

    private record Input(String name, byte[] bytes) {
    }

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(Fixtures.seedPost());
        for (String fixture : FIXTURES) {
            try (InputStream in = ImporterFuzzTest.class.getResourceAsStream("/fixtures/" + fixture + ".md")) {
                if (in != null) {
                    seeds.add(in.readAllBytes());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return seeds;
    }

    private static Input generate(Random random, List<byte[]> seeds, int i) {
        String[] extensions = {"md", "html", "txt", "md", "htm", "markdown", "zip", "bin", ""};
        String name = "fuzz-" + i + (random.nextInt(10) == 0 ? "" : "." + extensions[random.nextInt(extensions.length)]);
        byte[] bytes = switch (random.nextInt(8)) {
            case 0 -> randomBytes(random, random.nextInt(4000));
            case 1, 2 -> mutate(random, seeds.get(random.nextInt(seeds.size())));
            case 3 -> encode(random, new String(seeds.get(random.nextInt(seeds.size())), StandardCharsets.UTF_8));
            case 4 -> nesting(random).getBytes(StandardCharsets.UTF_8);
            case 5 -> frontMatter(random).getBytes(StandardCharsets.UTF_8);
            case 6 -> randomZip(random, seeds);
            default -> encode(random, randomHanText(random));
        };
        return new Input(name, bytes);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] mutate(Random random, byte[] seed) {
        byte[] bytes = seed.clone();
        int edits = 1 + random.nextInt(30);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes[at] = (byte) "<>\"'-:\n[]{}+#*&;".charAt(random.nextInt(16));
                case 2 -> {
                    int cut = Math.min(bytes.length - at, random.nextInt(200));
                    byte[] shorter = new byte[bytes.length - cut];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + cut, shorter, at, bytes.length - at - cut);
                    bytes = shorter;
                }
                default -> {
                    int len = Math.min(bytes.length - at, 1 + random.nextInt(100));
                    byte[] longer = new byte[bytes.length + len];
                    System.arraycopy(bytes, 0, longer, 0, at + len);
                    System.arraycopy(bytes, at, longer, at + len, bytes.length - at);
                    bytes = longer;
                }
            }
        }
        return bytes;
    }

    private static byte[] encode(Random random, String text) {
        Charset charset = Charset.forName(CHARSETS[random.nextInt(CHARSETS.length)]);
        String prefix = random.nextInt(4) == 0 ? "\uFEFF" : "";
        return (prefix + text).getBytes(charset);
    }

    private static String randomHanText(Random random) {
        StringBuilder sb = new StringBuilder();
        int paragraphs = 1 + random.nextInt(6);
        for (int p = 0; p < paragraphs; p++) {
            int len = random.nextInt(120);
            for (int c = 0; c < len; c++) {
                int kind = random.nextInt(20);
                sb.append(kind == 0 ? '，' : kind == 1 ? '。' : kind == 2 ? ' ' : kind == 3 ? '「'
                        : (char) (0x4E00 + random.nextInt(0x5000)));
            }
            sb.append(random.nextBoolean() ? "\n\n" : "\n");
        }
        return sb.toString();
    }

    private static String nesting(Random random) {
        int depth = random.nextInt(10) == 0 ? 5_000 + random.nextInt(7_000) : random.nextInt(300);
        StringBuilder sb = new StringBuilder(random.nextBoolean() ? "<!doctype html><html><body>" : "");
        for (int d = 0; d < depth; d++) {
            String tag = TAGS[random.nextInt(TAGS.length)];
            sb.append('<').append(tag).append(random.nextInt(5) == 0 ? " class=\"ad share\"" : "").append('>');
            if (random.nextInt(4) == 0) {
                sb.append("新闻内容第").append(d).append("段。");
            }
        }
        if (random.nextBoolean()) {
            for (int d = 0; d < depth; d++) {
                sb.append("</").append(TAGS[random.nextInt(TAGS.length)]).append('>');
            }
        }
        return sb.toString();
    }

    private static String frontMatter(Random random) {
        String[] lines = {"title: 标题", "title: \"未闭合", "date: 2021-13-45", "date: 2021-11-24 06:44:41 +0000",
                "tags: [a, b", "categories:\n  - 联合早报", "author: *alias", "from: http://[::1", "a: &x [*x]",
                "title = \"toml\"", "tags = [\"a\", [\"b\"]]", "date = 1979-05-27T07:32:00Z", "[params]", "? complex",
                "title: |\n  多行\n  标题", "title: " + "长".repeat(random.nextInt(5000)), "!!binary AAAA", "- list"};
        boolean toml = random.nextBoolean();
        StringBuilder sb = new StringBuilder(toml ? "+++\n" : "---\n");
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            sb.append(lines[random.nextInt(lines.length)]).append('\n');
        }
        if (random.nextInt(5) != 0) {
            sb.append(toml ? "+++\n" : "---\n");
        }
        sb.append(random.nextBoolean() ? "<p>正文内容，今天天气很好。</p>" : "正文 **加粗** [链接](http://x)\n\n- 列表");
        return sb.toString();
    }

    private static byte[] randomZip(Random random, List<byte[]> seeds) {
        try {
            java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
            String[] names = {"a.md", "../b.md", "/c.md", "d.zip", "e.html", "sub/f.txt"};
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                entries.put(names[random.nextInt(names.length)] + i, mutate(random, seeds.get(random.nextInt(seeds.size()))));
            }
            byte[] zip = BulkImportServiceTest.zipBytes(entries);
            return random.nextBoolean() ? zip : mutate(random, zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
