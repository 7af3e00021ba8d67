package app.duizhao.bench;

import app.duizhao.testsupport.FakeLlmServer;
import app.duizhao.testsupport.FakeReply;
import app.duizhao.testsupport.Fixtures;
import app.duizhao.testsupport.ProviderBehaviour;
import app.duizhao.translation.ArticleContext;
import app.duizhao.translation.Cancellation;
import app.duizhao.translation.LlmProperties;
import app.duizhao.translation.Segment;
import app.duizhao.translation.SummaryRequest;
import app.duizhao.translation.SummarySink;
import app.duizhao.translation.TranslationEngine;
import app.duizhao.translation.TranslationEngines;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * How the translation holds when the model or server behaves as real ones do (see {@code ProviderBehaviour}), on the
 * seed post and the longest corpus post: the share of paragraphs that end with the right English (refused ones are
 * flagged, not counted as right), requests and wall time against the plain case. Then the plain typical article
 * (one batch) with its summary, run beside it as a job does, against its longest request. The fake server waits
 * {@code bench.latencyMs} (default 300) before each answer and streams about 400 tokens/s.
 */
public final class ModelBehaviourBenchmark {

    static final Duration LATENCY = Duration.ofMillis(Long.getLong("bench.latencyMs", 300));
    static final int CHUNK_CHARS = 16;
    static final Duration CHUNK_DELAY = Duration.ofMillis(10);

    record Case(String name, String provider, Function<ProviderBehaviour, ProviderBehaviour> behaviour, FakeReply reply,
                String refuseWord) {
    }

    record Result(double right, int flagged, int requests, double wallMs) {
    }

    public static void main(String[] args) throws Exception {
        List<String> seed = paragraphs(new String(Fixtures.seedPost(), java.nio.charset.StandardCharsets.UTF_8));
        List<String> longest = null;
        List<String> typical = null;
        Path corpus = Fixtures.corpus().map(p -> p.resolve("posts")).orElse(null);
        if (corpus != null && Files.isDirectory(corpus)) {
            List<List<String>> articles;
            try (Stream<Path> files = Files.list(corpus)) {
                articles = files.filter(f -> f.toString().endsWith(".md")).sorted().map(ModelBehaviourBenchmark::read)
                        .map(ModelBehaviourBenchmark::paragraphs).filter(p -> p.size() >= 3)
                        .sorted(Comparator.comparingInt(p -> p.stream().mapToInt(String::length).sum())).toList();
            }
            longest = articles.getLast();
            typical = articles.get(articles.size() / 2);
        } else {
            System.out.println("behaviour.corpus_skipped: 1 (no corpus at ../shared/corpus/posts; seed post only)");
        }
        List<Case> cases = List.of(
                new Case("plain", "openai", b -> b, null, null),
                new Case("reasoning_apart", "openai", ProviderBehaviour::reasoningApart, null, null),
                new Case("reasoning_inline", "openai", ProviderBehaviour::reasoningInline, null, null),
                new Case("reasoning_template_opened", "openai", ProviderBehaviour::reasoningInlineTemplateOpened, null, null),
                new Case("output_limit_400", "openai", b -> b.outputLimit(400), null, null),
                new Case("ollama_window_2048", "ollama", b -> b.ollamaWindow(2048, 2048), null, null),
                new Case("refusal", "openai", b -> b, null, "美国"),
                new Case("rejects_temperature_and_max_tokens", "openai",
                        b -> b.rejectingTemperature().rejectingMaxTokens(), null, null),
                new Case("copies_back_paragraph_2", "openai", b -> b, FakeReply.copyBack(2), null),
                new Case("apologises_for_paragraph_3", "openai", b -> b, FakeReply.apologize(3), null),
                new Case("one_slot_ollama", "ollama", ProviderBehaviour::oneSlot, null, null));
        runAll("seed", seed, cases);
        if (longest != null) {
            runAll("longest", longest, cases);
            typicalWithSummary(typical);
        }
    }

    static void runAll(String article, List<String> paragraphs, List<Case> cases) throws Exception {
        Result plain = null;
        for (Case c : cases) {
            Result r = run(c, paragraphs);
            if (plain == null) {
                plain = r;
            }
            String key = "behaviour." + article + "." + c.name();
            System.out.printf(Locale.ROOT, "%s.right_english: %.1f %%%n", key, 100 * r.right());
            System.out.printf(Locale.ROOT, "%s.flagged: %d paragraphs%n", key, r.flagged());
            System.out.printf(Locale.ROOT, "%s.requests_vs_plain: %d / %d requests%n", key, r.requests(), plain.requests());
            System.out.printf(Locale.ROOT, "%s.wall_vs_plain: %.2f ratio (%.0f ms)%n", key, r.wallMs() / plain.wallMs(), r.wallMs());
        }
    }

    static Result run(Case c, List<String> paragraphs) {
        try (FakeLlmServer server = FakeLlmServer.start()) {
            ProviderBehaviour b = c.behaviour().apply(ProviderBehaviour.polite());
            if (c.refuseWord() != null) {
                b = b.refusing(c.refuseWord());
            }
            server.firstByteLatency(LATENCY).chunkSize(CHUNK_CHARS).chunkDelay(CHUNK_DELAY).behave(b);
            if (c.reply() != null) {
                server.enqueue(c.reply());
            }
            LlmProperties llm = new LlmProperties(c.provider(), server.baseUrl(c.provider()), "bench-" + c.name(), null,
                    Duration.ofSeconds(60), 2, "on", null, null, null, null);
            TranslationEngine engine = new TranslationEngines(null, llm).current();
            List<Segment> segments = new ArrayList<>();
            for (int i = 0; i < paragraphs.size(); i++) {
                segments.add(new Segment(i, paragraphs.get(i)));
            }
            Map<Integer, String> done = new ConcurrentHashMap<>();
            Map<Integer, String> failed = new ConcurrentHashMap<>();
            long start = System.nanoTime();
            engine.translate(new TranslationRequest(new ArticleContext("benchmark", "corpus", "2021-01-01"), segments),
                    new TranslationSink() {
                        @Override
                        public void partial(int id, String textSoFar) {
                        }

                        @Override
                        public void completed(int id, String text) {
                            done.put(id, text);
                        }

                        @Override
                        public void failed(int id, String message) {
                            failed.put(id, message);
                        }
                    }, new Cancellation());
            double wall = (System.nanoTime() - start) / 1e6;
            long right = segments.stream()
                    .filter(s -> FakeReply.translationOf(s.id(), s.text()).equals(done.get(s.id()))).count();
            return new Result(right / (double) segments.size(), failed.size(), server.chatRequests().size(), wall);
        }
    }

    /** The plain typical article with its summary beside it, against its longest request (L + streaming). */
    static void typicalWithSummary(List<String> paragraphs) throws Exception {
        try (FakeLlmServer server = FakeLlmServer.start()) {
            server.firstByteLatency(LATENCY).chunkSize(CHUNK_CHARS).chunkDelay(CHUNK_DELAY);
            LlmProperties llm = new LlmProperties("openai", server.baseUrl(), "bench-typical", null, Duration.ofSeconds(60), 2);
            TranslationEngine engine = new TranslationEngines(null, llm).current();
            List<Segment> segments = new ArrayList<>();
            for (int i = 0; i < paragraphs.size(); i++) {
                segments.add(new Segment(i, paragraphs.get(i)));
            }
            ArticleContext context = new ArticleContext("benchmark", "corpus", "2021-01-01");
            long start = System.nanoTime();
            CompletableFuture<Void> summary = CompletableFuture.runAsync(() -> engine.summarize(
                    new SummaryRequest(context, paragraphs), new SummarySink() {
                        @Override
                        public void partial(String textSoFar) {
                        }

                        @Override
                        public void completed(String text) {
                        }
                    }, new Cancellation()));
            engine.translate(new TranslationRequest(context, segments), BenchSinks.NONE, new Cancellation());
            summary.get();
            double wall = (System.nanoTime() - start) / 1e6;
            double longest = server.chatRequests().stream().mapToDouble(r -> {
                String answer = FakeReply.defaultAnswer(r.chatCall());
                return LATENCY.toMillis() + Math.max(0, Math.ceil(answer.length() / (double) CHUNK_CHARS) - 1)
                        * CHUNK_DELAY.toMillis();
            }).max().orElse(1);
            System.out.printf(Locale.ROOT, "behaviour.typical.blocks: %d blocks%n", segments.size());
            System.out.printf(Locale.ROOT, "behaviour.typical.requests: %d requests (summary included)%n",
                    server.chatRequests().size());
            System.out.printf(Locale.ROOT, "behaviour.typical.wall_with_summary: %.0f ms%n", wall);
            System.out.printf(Locale.ROOT, "behaviour.typical.longest_request: %.0f ms%n", longest);
            System.out.printf(Locale.ROOT, "behaviour.typical.wall_over_longest_request: %.3f ratio (target <= 1.15)%n",
                    wall / longest);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return "";
        }
    }

    static List<String> paragraphs(String text) {
        String body = text.replaceFirst("(?s)^---.*?---", "");
        return Jsoup.parse(body).select("p").eachText().stream().map(String::strip).filter(s -> !s.isBlank()).toList();
    }

    /** Sinks that keep nothing. */
    static final class BenchSinks {
        static final TranslationSink NONE = new TranslationSink() {
            @Override
            public void partial(int id, String textSoFar) {
            }

            @Override
            public void completed(int id, String text) {
            }

            @Override
            public void failed(int id, String message) {
            }
        };
    }
}
