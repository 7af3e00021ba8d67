package app.duizhao.bench;

import app.duizhao.testsupport.ChatCall;
import app.duizhao.testsupport.FakeLlmServer;
import app.duizhao.testsupport.FakeReply;
import app.duizhao.testsupport.Fixtures;
import app.duizhao.translation.ArticleContext;
import app.duizhao.translation.Cancellation;
import app.duizhao.translation.LlmProperties;
import app.duizhao.translation.Segment;
import app.duizhao.translation.TokenEstimator;
import app.duizhao.translation.TranslationEngine;
import app.duizhao.translation.TranslationEngines;
import app.duizhao.translation.TranslationProperties;
import app.duizhao.translation.TranslationRequest;
import app.duizhao.translation.TranslationSink;
import org.jsoup.Jsoup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Translation engine benchmark against the fake LLM server with a fixed latency L before every answer and a fixed
 * streaming rate. For a typical (median) and the longest corpus article: wall time against the ideal
 * {@code ceil(requests / concurrency) x L} plus streaming time, time to the first translated block, requests, and
 * prompt tokens per article token (both counted with {@link TokenEstimator}). Prints {@code name: value unit} lines.
 */
public final class TranslationBenchmark {

    static final Duration LATENCY = Duration.ofMillis(Long.getLong("bench.latencyMs", 500));
    static final int CHUNK_CHARS = 16;                 // about 4 tokens of English per chunk
    static final Duration CHUNK_DELAY = Duration.ofMillis(10); // so about 400 tokens/s per stream

    public static void main(String[] args) throws Exception {
        Path corpus = Fixtures.corpus().map(p -> p.resolve("posts")).orElse(null);
        if (corpus == null || !Files.isDirectory(corpus)) {
            System.out.println("translation.skipped: 1 (no corpus at ../shared/corpus/posts)");
            return;
        }
        List<List<String>> articles;
        try (Stream<Path> files = Files.list(corpus)) {
            articles = files.filter(f -> f.toString().endsWith(".md")).sorted().map(TranslationBenchmark::paragraphs)
                    .filter(p -> p.size() >= 3 && p.stream().anyMatch(s -> s.codePoints().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF)))
                    .sorted(Comparator.comparingInt(TranslationBenchmark::tokens)).toList();
        }
        run("typical", articles.get(articles.size() / 2));
        run("long", articles.getLast());
    }

    static List<String> paragraphs(Path file) {
        try {
            String text = Files.readString(file);
            String body = text.replaceFirst("(?s)^---.*?---", "");
            List<String> ps = Jsoup.parse(body).select("p").eachText().stream().map(String::strip)
                    .filter(s -> !s.isBlank()).toList();
            return ps;
        } catch (Exception e) {
            return List.of();
        }
    }

    static int tokens(List<String> paragraphs) {
        return paragraphs.stream().mapToInt(TokenEstimator::estimate).sum();
    }

    /** The fake's answer: the marker the tests use, padded to about 1.5 English characters per Chinese one. */
    static String english(int id, String text) {
        String marker = FakeReply.translationOf(id, text);
        int target = (int) (text.length() * 1.5);
        StringBuilder out = new StringBuilder(marker);
        while (out.length() < target) {
            out.append(" word");
        }
        return out.toString();
    }

    static void run(String name, List<String> paragraphs) throws Exception {
        TranslationProperties settings = TranslationProperties.defaults();
        try (FakeLlmServer server = FakeLlmServer.start()) {
            server.firstByteLatency(LATENCY).chunkSize(CHUNK_CHARS).chunkDelay(CHUNK_DELAY)
                    .defaultReply(FakeReply.custom(call -> FakeReply.segmentsAnswer(call, TranslationBenchmark::english)));
            LlmProperties llm = new LlmProperties("openai", server.baseUrl(), "bench-model", null, Duration.ofSeconds(60), 2);
            TranslationEngine engine = new TranslationEngines(null, llm).current();
            List<Segment> segments = new ArrayList<>();
            for (int i = 0; i < paragraphs.size(); i++) {
                segments.add(new Segment(i, paragraphs.get(i)));
            }
            // Warm up the HTTP client and JIT on a tiny request, then measure.
            engine.translate(new TranslationRequest(new ArticleContext("warm", null, null), List.of(new Segment(0, "你好"))),
                    noop(new AtomicLong()), new Cancellation());
            server.clearRequests();

            AtomicLong firstBlock = new AtomicLong();
            long start = System.nanoTime();
            engine.translate(new TranslationRequest(new ArticleContext("benchmark", "corpus", "2021-01-01"), segments),
                    noop(firstBlock), new Cancellation());
            long wall = System.nanoTime() - start;

            List<ChatCall> calls = server.chatRequests().stream().map(r -> r.chatCall()).toList();
            int requests = calls.size();
            int concurrency = settings.concurrency();
            // Ideal: requests in waves of `concurrency`, each wave L plus its longest stream.
            double ideal = 0;
            for (int w = 0; w < requests; w += concurrency) {
                double longest = 0;
                for (int i = w; i < Math.min(requests, w + concurrency); i++) {
                    int chars = FakeReply.segmentsAnswer(calls.get(i), TranslationBenchmark::english).length();
                    longest = Math.max(longest, Math.max(0, Math.ceil(chars / (double) CHUNK_CHARS) - 1) * CHUNK_DELAY.toMillis());
                }
                ideal += LATENCY.toMillis() + longest;
            }
            int articleTokens = tokens(paragraphs);
            long promptTokens = calls.stream().mapToLong(c -> c.messages().stream()
                    .mapToLong(m -> TokenEstimator.estimate(m.content())).sum()).sum();
            double wallMs = wall / 1e6;
            System.out.printf(Locale.ROOT, "translation.%s.blocks: %d blocks%n", name, segments.size());
            System.out.printf(Locale.ROOT, "translation.%s.article_tokens: %d tokens%n", name, articleTokens);
            System.out.printf(Locale.ROOT, "translation.%s.requests: %d requests%n", name, requests);
            System.out.printf(Locale.ROOT, "translation.%s.wall_time: %.0f ms%n", name, wallMs);
            System.out.printf(Locale.ROOT, "translation.%s.ideal_time: %.0f ms%n", name, ideal);
            System.out.printf(Locale.ROOT, "translation.%s.wall_over_ideal: %.3f ratio%n", name, wallMs / ideal);
            System.out.printf(Locale.ROOT, "translation.%s.first_block: %.0f ms%n", name, (firstBlock.get() - start) / 1e6);
            System.out.printf(Locale.ROOT, "translation.%s.first_block_target: %d ms%n", name, LATENCY.toMillis() + 150);
            System.out.printf(Locale.ROOT, "translation.%s.prompt_tokens_per_article_token: %.3f ratio%n", name,
                    promptTokens / (double) articleTokens);
        }
    }

    static TranslationSink noop(AtomicLong firstBlock) {
        return new TranslationSink() {
            @Override
            public void partial(int id, String textSoFar) {
            }

            @Override
            public void completed(int id, String text) {
                firstBlock.compareAndSet(0, System.nanoTime());
            }

            @Override
            public void failed(int id, String message) {
            }
        };
    }
}
