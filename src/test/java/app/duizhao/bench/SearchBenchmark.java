package app.duizhao.bench;

import app.duizhao.library.ArticleSummary;
import app.duizhao.library.LibraryPage;
import app.duizhao.library.LibraryQuery;
import app.duizhao.library.LibraryService;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Library search latency at 100,000 articles: synthetic articles made of corpus paragraphs (four each, a third of
 * them with English, a sixth partly translated) are written with batch JDBC into a fresh file H2, the search index
 * is rebuilt from the database, then Chinese words, English words and a filtered, sorted search are timed through
 * {@link LibraryService#search} (index lookup plus the page's rows from H2). {@code BENCH_SEARCH_ARTICLES}
 * changes the count.
 */
public final class SearchBenchmark {

    private static final String[] SOURCES = {"联合早报", "BBC中文", "纽约时报中文网", "德国之声", "美国之音", "法广",
            "自由亚洲电台", "端传媒"};
    private static final String[] TAGS = {"中国", "国际", "经济", "台湾", "香港", "科技", "评论", "社会"};
    private static final String[] ENGLISH = ("the government said trade talks between the two countries would "
            + "continue next week while officials warned that the economy faces pressure from tariffs and the "
            + "pandemic minister president election protest court police market investment technology students "
            + "university health vaccine climate energy border military diplomat agreement sanctions report "
            + "journalists media freedom").split(" ");
    private static final List<String> CHINESE_QUERIES = List.of("中国", "美国", "经济", "中美关系", "国际社会", "疫情",
            "香港", "政府");
    private static final List<String> ENGLISH_QUERIES = List.of("trade", "government", "economy", "sanctions",
            "vaccine", "election");
    private static final int WARM_UP = 40;
    private static final int RUNS = 200;

    public static void main(String[] args) {
        Optional<List<Path>> corpus = BenchSupport.corpusPosts();
        if (corpus.isEmpty()) {
            System.out.println("SearchBenchmark skipped: no corpus at ../shared/corpus/posts");
            return;
        }
        int total = Integer.parseInt(System.getenv().getOrDefault("BENCH_SEARCH_ARTICLES", "100000"));
        List<String> paragraphs = paragraphs(corpus.get());

        Path dir = BenchSupport.tempDir("search");
        try (ConfigurableApplicationContext app = BenchSupport.startApp(dir)) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            LibraryService library = app.getBean(LibraryService.class);

            long insertStart = System.nanoTime();
            insert(jdbc, paragraphs, total);
            BenchSupport.figure("search_articles", total, "articles");
            BenchSupport.figure("search_insert_time", (System.nanoTime() - insertStart) / 1e9, "s");

            long indexStart = System.nanoTime();
            int indexed = library.rebuildSearchIndex();
            BenchSupport.figure("search_index_build_time", (System.nanoTime() - indexStart) / 1e9, "s");
            if (indexed != total) {
                throw new IllegalStateException("Indexed " + indexed + " of " + total);
            }

            Random random = new Random(7);
            time("search_first_page", () -> LibraryQuery.all(50), library);
            time("search_chinese",
                    () -> LibraryQuery.search(CHINESE_QUERIES.get(random.nextInt(CHINESE_QUERIES.size())), 50),
                    library);
            time("search_english",
                    () -> LibraryQuery.search(ENGLISH_QUERIES.get(random.nextInt(ENGLISH_QUERIES.size())), 50),
                    library);
            time("search_filter_sort", () -> LibraryQuery.search(
                            CHINESE_QUERIES.get(random.nextInt(CHINESE_QUERIES.size())), 50)
                    .withSource(SOURCES[random.nextInt(SOURCES.length)])
                    .withStatuses(Set.of(ArticleSummary.TranslationState.NOT_TRANSLATED,
                            ArticleSummary.TranslationState.PARTLY_TRANSLATED))
                    .withDates(LocalDate.of(2017, 1, 1), LocalDate.of(2022, 12, 31))
                    .withSort(LibraryQuery.Sort.PUBLISHED, false), library);
            time("search_deep_page", () -> LibraryQuery.all(50).withSort(LibraryQuery.Sort.TITLE, true)
                    .withPage(total / 2, 50), library);
        } finally {
            BenchSupport.deleteTree(dir);
        }
    }

    private static void time(String name, Supplier<LibraryQuery> queries, LibraryService library) {
        long matched = 0;
        for (int i = 0; i < WARM_UP; i++) {
            matched += library.search(queries.get()).total();
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            LibraryQuery query = queries.get();
            long start = System.nanoTime();
            LibraryPage page = library.search(query);
            nanos[i] = System.nanoTime() - start;
            matched += page.total();
        }
        Arrays.sort(nanos);
        BenchSupport.figure(name + "_p50", BenchSupport.percentileMs(nanos, 50), "ms");
        BenchSupport.figure(name + "_p95", BenchSupport.percentileMs(nanos, 95), "ms");
        BenchSupport.figure(name + "_mean_matches", (double) matched / (WARM_UP + RUNS), "articles");
    }

    /** Chinese paragraphs of the corpus (20 to 400 characters). */
    private static List<String> paragraphs(List<Path> files) {
        List<String> paragraphs = new ArrayList<>();
        for (Path file : files) {
            String text = new String(BenchSupport.read(file), StandardCharsets.UTF_8);
            for (Element p : Jsoup.parse(text).select("p")) {
                String paragraph = p.text().strip();
                if (paragraph.length() >= 20 && paragraph.length() <= 400
                        && paragraph.codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                        == Character.UnicodeScript.HAN)) {
                    paragraphs.add(paragraph);
                }
            }
        }
        if (paragraphs.isEmpty()) {
            throw new IllegalStateException("No Chinese paragraphs in the corpus");
        }
        return paragraphs;
    }

    private static void insert(JdbcTemplate jdbc, List<String> paragraphs, int total) {
        Random random = new Random(42);
        OffsetDateTime base = OffsetDateTime.of(2015, 1, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8));
        long firstId = 1_000_000;
        int batch = 1000;
        for (int from = 0; from < total; from += batch) {
            List<Object[]> articles = new ArrayList<>();
            List<Object[]> blocks = new ArrayList<>();
            for (int i = from; i < Math.min(total, from + batch); i++) {
                long id = firstId + i;
                String first = paragraphs.get(random.nextInt(paragraphs.size()));
                String title = first.substring(0, Math.min(24, first.length()));
                String tags = TAGS[random.nextInt(TAGS.length)] + "\n" + TAGS[random.nextInt(TAGS.length)];
                OffsetDateTime published = base.plusMinutes(random.nextLong(60L * 24 * 365 * 9));
                int translation = random.nextInt(6); // 0-1: translated, 2: partly, else none
                articles.add(new Object[]{id, title, SOURCES[random.nextInt(SOURCES.length)],
                        "https://example.com/bench/" + id, published, tags, "zh", "bench-" + id,
                        base.plusSeconds(i), translation <= 2 ? "LLM" : null});
                for (int position = 0; position < 4; position++) {
                    String text = position == 0 ? first : paragraphs.get(random.nextInt(paragraphs.size()));
                    String english = translation <= 1 || (translation == 2 && position < 2)
                            ? english(random) : null;
                    blocks.add(new Object[]{id, position, "paragraph", text, english,
                            english == null ? null : "LLM", english == null ? null : "bench"});
                }
            }
            jdbc.batchUpdate("""
                    insert into article (id, title, source_name, source_url, published_at, tags, language,
                        content_hash, imported_at, translation_kind) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    articles);
            jdbc.batchUpdate("""
                    insert into article_block (article_id, position, kind, text, machine_english, machine_kind,
                        machine_model) values (?, ?, ?, ?, ?, ?, ?)""", blocks);
        }
    }

    private static String english(Random random) {
        StringBuilder sentence = new StringBuilder();
        int words = 15 + random.nextInt(25);
        for (int i = 0; i < words; i++) {
            sentence.append(i == 0 ? "" : " ").append(ENGLISH[random.nextInt(ENGLISH.length)]);
        }
        return sentence.append('.').toString();
    }
}
