package app.duizhao.translation;

import dev.langchain4j.model.chat.StreamingChatModel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Translates with an LLM through the {@link LlmGateway}: cuts the article into batches that fit the model's input,
 * output and context budgets, runs them with the provider's concurrency, and leaves each batch's segment protocol
 * to {@link SegmentBatch}. Summary, Explain, glossary proposals and the model check are {@link LlmArticleTasks}.
 */
final class LangChainTranslationEngine implements TranslationEngine {

    static final String NO_TRANSLATION = SegmentBatch.NO_TRANSLATION;
    static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);

    private final LlmGateway gateway;
    private final LlmArticleTasks tasks;
    private final int batchTokens;

    LangChainTranslationEngine(LlmProperties properties, TranslationProperties translation) {
        this(properties, translation, new RetryAfterHttpClient.Holder(), DEFAULT_BACKOFF);
    }

    private LangChainTranslationEngine(LlmProperties properties, TranslationProperties translation,
                                       RetryAfterHttpClient.Holder retryAfter, Duration backoff) {
        this(ChatModels.create(properties, retryAfter), properties, translation, backoff, retryAfter);
    }

    LangChainTranslationEngine(StreamingChatModel model, LlmProperties properties, TranslationProperties translation,
                               Duration backoff, RetryAfterHttpClient.Holder retryAfter) {
        this.gateway = new LlmGateway(model, properties, translation.concurrency(), backoff, retryAfter);
        this.tasks = new LlmArticleTasks(gateway);
        this.batchTokens = translation.batchTokens();
    }

    /** For tests: a model built with its own Retry-After holder. */
    static LangChainTranslationEngine forTest(LlmProperties properties, TranslationProperties translation, Duration backoff) {
        return new LangChainTranslationEngine(properties, translation, new RetryAfterHttpClient.Holder(), backoff);
    }

    @Override
    public EngineInfo info() {
        return gateway.info();
    }

    /** How many requests run at once. */
    int concurrency() {
        return gateway.concurrency();
    }

    LlmGateway gateway() {
        return gateway;
    }

    // ---------------------------------------------------------------- translation

    /**
     * The estimated source tokens one request may carry: the configured budget, but never so much that the answer
     * could pass the model's output limit, or (Ollama) prompt plus answer could pass the context window.
     */
    int batchBudget(Direction direction) {
        int forOutput = (int) ((gateway.maxOutputTokens() - SegmentBatch.OUTPUT_SLACK) / (SegmentBatch.OUTPUT_RATIO + 0.1));
        int system = TokenEstimator.estimate(PromptTemplates.translateSystem(direction)) + 200;
        int forWindow = gateway.isOllama()
                ? (int) ((gateway.properties().contextWindow() - system - 256 - SegmentBatch.OUTPUT_SLACK)
                / (1 + SegmentBatch.OUTPUT_RATIO + 0.1))
                : Integer.MAX_VALUE;
        return Math.max(50, Math.min(batchTokens, Math.min(forOutput, forWindow)));
    }

    @Override
    public void translate(TranslationRequest request, TranslationSink sink, Cancellation cancellation) {
        List<List<Segment>> batches = batches(request.segments(), batchBudget(request.direction()));
        if (batches.isEmpty() || cancellation.isCancelled()) {
            return;
        }
        AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failedBatches = new AtomicInteger();
        AtomicReference<TranslationException> lastFailure = new AtomicReference<>();
        Runnable worker = () -> {
            int i;
            while (fatal.get() == null && !cancellation.isCancelled() && (i = next.getAndIncrement()) < batches.size()) {
                try {
                    new SegmentBatch(gateway, request, batches.get(i), sink, cancellation).run();
                } catch (SegmentBatch.BatchFailedException e) {
                    // Retries used up on a transient fault: these blocks fail, the others go on.
                    failedBatches.incrementAndGet();
                    lastFailure.set(e.failure);
                    for (Segment s : e.pending) {
                        sink.failed(s.id(), e.failure.getMessage());
                    }
                } catch (RuntimeException e) {
                    fatal.compareAndSet(null, e);
                }
            }
        };
        int workers = Math.min(gateway.concurrency(), batches.size());
        if (workers == 1) {
            worker.run();
        } else {
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    futures.add(pool.submit(worker));
                }
                for (Future<?> f : futures) {
                    try {
                        f.get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        cancellation.cancel();
                        return;
                    } catch (ExecutionException e) {
                        fatal.compareAndSet(null, gateway.failure(e.getCause()));
                    }
                }
            }
        }
        if (cancellation.isCancelled()) {
            return;
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        if (failedBatches.get() == batches.size()) {
            // Nothing got through: say why for the whole article, not only per block.
            throw lastFailure.get();
        }
    }

    /**
     * Groups consecutive segments (neighbours stay together, for context) into batches of at most {@code maxTokens}
     * estimated tokens each, as evenly as the budget allows: an article of 2.2 budgets goes out as three requests of
     * about 0.73 budgets rather than 1 + 1 + 0.2, so concurrent requests end at about the same time.
     */
    static List<List<Segment>> batches(List<Segment> segments, int maxTokens) {
        if (segments.isEmpty()) {
            return List.of();
        }
        int total = 0;
        for (Segment s : segments) {
            total += tokens(s);
        }
        int count = Math.max(1, (int) Math.ceil(total / (double) maxTokens));
        // Each segment goes to the batch its middle falls in when the article is cut into `count` equal parts;
        // if a part then passes the budget (segments do not split), try one batch more.
        while (true) {
            List<List<Segment>> batches = split(segments, total, count, maxTokens);
            if (batches != null) {
                return batches;
            }
            count++;
        }
    }

    /** The segments cut into {@code count} even parts, or {@code null} when a part of several segments passes the budget. */
    private static List<List<Segment>> split(List<Segment> segments, int total, int count, int maxTokens) {
        double part = total / (double) count;
        List<List<Segment>> batches = new ArrayList<>();
        List<Segment> current = new ArrayList<>();
        int currentIndex = 0;
        int size = 0;
        long before = 0;
        for (Segment s : segments) {
            int t = tokens(s);
            int index = (int) Math.min(count - 1, Math.floor((before + t / 2.0) / part));
            if (!current.isEmpty() && (index != currentIndex || size + t > maxTokens)) {
                batches.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            currentIndex = index;
            current.add(s);
            size += t;
            before += t;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches.size() <= count ? batches : null;
    }

    static int tokens(Segment s) {
        return TokenEstimator.estimate(s.text()) + TokenEstimator.SEGMENT_OVERHEAD;
    }

    /** Exponential backoff, or the server's {@code Retry-After} on 429/503 when longer (capped at a minute). */
    Duration retryWait(Throwable error, int fault) {
        return gateway.retryWait(error, fault);
    }

    static boolean isRetryable(Throwable error) {
        return LlmFailures.isRetryable(error);
    }

    // ---------------------------------------------------------------- everything else goes to the tasks

    @Override
    public void summarize(SummaryRequest request, SummarySink sink, Cancellation cancellation) {
        tasks.summarize(request, sink, cancellation);
    }

    @Override
    public void explain(String sentence, String paragraph, ArticleContext context, SummarySink sink,
                        Cancellation cancellation) {
        tasks.explain(sentence, paragraph, context, sink, cancellation);
    }

    @Override
    public List<ProposedTerm> proposeTerms(SummaryRequest request, java.util.function.Consumer<CallUsage> usage,
                                           Cancellation cancellation) {
        return tasks.proposeTerms(request, usage, cancellation);
    }

    @Override
    public String testConnection() {
        ModelCheckReport report = check();
        if (!report.ok()) {
            throw new TranslationException(report.summary());
        }
        return report.summary();
    }

    @Override
    public ModelCheckReport check() {
        return new ModelCheck(gateway).run();
    }
}
