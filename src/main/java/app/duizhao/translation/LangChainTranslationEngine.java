package app.duizhao.translation;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Translates and summarises with an LLM through a LangChain4j streaming chat model (OpenAI-compatible or Ollama).
 * Segments are batched by source length, answers are parsed as they stream in, segments the model left out are
 * asked again, and transient faults are retried with backoff.
 */
final class LangChainTranslationEngine implements TranslationEngine {

    static final String NO_TRANSLATION = "The model gave no translation for this paragraph.";
    static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);
    /** The longest {@code Retry-After} honoured; longer waits are cut to this (cancel still stops the wait). */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(LangChainTranslationEngine.class);
    private static final Pattern PREAMBLE = Pattern.compile(
            "^\\s*(?:(?:sure|okay|ok|certainly)[,.!]?\\s*)?(?:here(?:'s| is| are)[^\\n:]{0,60}:|translation\\s*:|english\\s*:)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(408, "Request Timeout"), Map.entry(413, "Payload Too Large"),
            Map.entry(422, "Unprocessable Entity"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private final StreamingChatModel model;
    private final EngineInfo info;
    private final String baseUrl;
    private final String apiKey;
    private final Duration timeout;
    private final int batchTokens;
    private final int maxRetries;
    private final int concurrency;
    private final Duration backoff;
    private final RetryAfterHttpClient.Holder retryAfter;

    LangChainTranslationEngine(LlmProperties properties, TranslationProperties translation) {
        this(properties, translation, new RetryAfterHttpClient.Holder());
    }

    private LangChainTranslationEngine(LlmProperties properties, TranslationProperties translation,
                                       RetryAfterHttpClient.Holder retryAfter) {
        this(ChatModels.create(properties, retryAfter), properties, translation, DEFAULT_BACKOFF, retryAfter);
    }

    LangChainTranslationEngine(StreamingChatModel model, LlmProperties properties, TranslationProperties translation,
                               Duration backoff, RetryAfterHttpClient.Holder retryAfter) {
        this.model = model;
        this.info = new EngineInfo(properties.provider(), ChatModels.model(properties), OutputKind.LLM);
        this.baseUrl = ChatModels.baseUrl(properties);
        this.apiKey = properties.hasApiKey() ? properties.apiKey().strip() : null;
        this.timeout = properties.timeout();
        this.batchTokens = translation.batchTokens();
        this.maxRetries = properties.maxRetries();
        this.concurrency = translation.concurrency();
        this.backoff = backoff;
        this.retryAfter = retryAfter;
    }

    /** For tests: a model built with its own Retry-After holder. */
    static LangChainTranslationEngine forTest(LlmProperties properties, TranslationProperties translation, Duration backoff) {
        RetryAfterHttpClient.Holder holder = new RetryAfterHttpClient.Holder();
        return new LangChainTranslationEngine(ChatModels.create(properties, holder), properties, translation, backoff, holder);
    }

    @Override
    public EngineInfo info() {
        return info;
    }

    /** How many requests run at once. */
    int concurrency() {
        return concurrency;
    }

    // ---------------------------------------------------------------- translation

    @Override
    public void translate(TranslationRequest request, TranslationSink sink, Cancellation cancellation) {
        List<List<Segment>> batches = batches(request.segments(), batchTokens);
        if (batches.isEmpty() || cancellation.isCancelled()) {
            return;
        }
        AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger failedBatches = new java.util.concurrent.atomic.AtomicInteger();
        AtomicReference<TranslationException> lastFailure = new AtomicReference<>();
        Runnable worker = () -> {
            int i;
            while (fatal.get() == null && !cancellation.isCancelled() && (i = next.getAndIncrement()) < batches.size()) {
                List<Segment> batch = batches.get(i);
                try {
                    translateBatch(request, batch, sink, cancellation);
                } catch (BatchFailedException e) {
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
        int workers = Math.min(concurrency, batches.size());
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
                        fatal.compareAndSet(null, new TranslationException("Translation failed: " + scrub(String.valueOf(e.getCause()))));
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

    private static int tokens(Segment s) {
        return TokenEstimator.estimate(s.text()) + TokenEstimator.SEGMENT_OVERHEAD;
    }

    /** A batch used up its retries on a transient fault; its pending segments are to be reported failed. */
    private static final class BatchFailedException extends RuntimeException {
        final transient List<Segment> pending;
        final TranslationException failure;

        BatchFailedException(List<Segment> pending, TranslationException failure) {
            super(failure.getMessage(), null, false, false);
            this.pending = pending;
            this.failure = failure;
        }
    }

    /** Glossary terms that occur in the batch (script-insensitive matching is done by the caller's list). */
    private static List<GlossaryEntry> termsIn(List<GlossaryEntry> glossary, List<Segment> batch, Direction direction) {
        if (glossary.isEmpty()) {
            return List.of();
        }
        String text = batch.stream().map(Segment::text).collect(Collectors.joining("\n"));
        String simplified = GlossaryMatcher.simplified(text);
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return glossary.stream().filter(t -> direction == Direction.EN_TO_ZH
                ? lower.contains(t.english().toLowerCase(java.util.Locale.ROOT))
                : simplified.contains(GlossaryMatcher.simplified(t.chinese()))).toList();
    }

    private void translateBatch(TranslationRequest request, List<Segment> batch, TranslationSink sink, Cancellation cancellation) {
        List<Segment> pending = new ArrayList<>(batch);
        List<GlossaryEntry> terms = termsIn(request.glossary(), batch, request.direction());
        int faults = 0;
        int repairs = 0;
        while (!pending.isEmpty() && !cancellation.isCancelled()) {
            List<Segment> asked = List.copyOf(pending);
            Set<Integer> ids = asked.stream().map(Segment::id).collect(Collectors.toSet());
            SegmentStreamParser parser = new SegmentStreamParser(ids, new SegmentStreamParser.Listener() {
                @Override
                public void partial(int id, String textSoFar) {
                    if (!cancellation.isCancelled()) {
                        sink.partial(id, textSoFar);
                    }
                }

                @Override
                public void completed(int id, String text) {
                    if (!cancellation.isCancelled()) {
                        sink.completed(id, text);
                    }
                }
            });
            String system = PromptTemplates.translateSystem(request.direction());
            String user = PromptTemplates.translateUser(request.context(), asked, request.direction(),
                    asked.size() == batch.size() ? terms : termsIn(terms, asked, request.direction()));
            ChatRequest chat = ChatRequest.builder()
                    .messages(SystemMessage.from(system), UserMessage.from(user))
                    .build();
            Throwable error = stream(chat, parser::accept, parser, cancellation, system + user, sink::usage);
            if (cancellation.isCancelled()) {
                return;
            }
            if (error == null) {
                parser.finish();
            }
            pending.removeIf(s -> parser.isCompleted(s.id()));
            if (error != null) {
                if (!isRetryable(error)) {
                    throw failure(error);
                }
                if (faults >= maxRetries) {
                    if (pending.isEmpty()) {
                        return;
                    }
                    throw new BatchFailedException(List.copyOf(pending), failure(error));
                }
                faults++;
                log.info("LLM call to {} failed ({}); retry {} of {}", baseUrl, scrub(String.valueOf(error)), faults, maxRetries);
                if (!sleep(retryWait(error, faults), cancellation)) {
                    return;
                }
                continue;
            }
            if (pending.isEmpty()) {
                return;
            }
            if (!parser.sawAnyTag() && asked.size() == 1) {
                String whole = PREAMBLE.matcher(parser.rawText()).replaceFirst("").strip();
                if (!whole.isEmpty()) {
                    sink.completed(asked.getFirst().id(), PromptTemplates.unescape(whole));
                    return;
                }
            }
            if (repairs >= maxRetries) {
                break;
            }
            repairs++;
            log.info("The model left out segments {}; asking again ({} of {})",
                    pending.stream().map(Segment::id).toList(), repairs, maxRetries);
        }
        if (!cancellation.isCancelled()) {
            for (Segment s : pending) {
                sink.failed(s.id(), NO_TRANSLATION);
            }
        }
    }

    /** Exponential backoff, or the server's {@code Retry-After} on 429/503 when longer (capped at a minute). */
    Duration retryWait(Throwable error, int fault) {
        Duration wait = backoff.multipliedBy(1L << Math.min(10, fault - 1));
        HttpException http = find(error, HttpException.class);
        if (http != null && (http.statusCode() == 429 || http.statusCode() == 503)) {
            Duration asked = retryAfter.recent(Duration.ofSeconds(30)).orElse(Duration.ZERO);
            if (asked.compareTo(MAX_RETRY_AFTER) > 0) {
                asked = MAX_RETRY_AFTER;
            }
            if (asked.compareTo(wait) > 0) {
                log.info("The LLM server asked to wait {} (Retry-After)", human(asked));
                wait = asked;
            }
        }
        return wait;
    }

    // ---------------------------------------------------------------- summary

    @Override
    public void summarize(SummaryRequest request, SummarySink sink, Cancellation cancellation) {
        String system = PromptTemplates.summarizeSystem();
        String user = PromptTemplates.summarizeUser(request);
        ChatRequest chat = ChatRequest.builder()
                .messages(SystemMessage.from(system), UserMessage.from(user))
                .build();
        int faults = 0;
        while (!cancellation.isCancelled()) {
            StringBuilder text = new StringBuilder();
            Throwable error = stream(chat, token -> {
                text.append(token);
                String soFar = cleanSummary(text.toString());
                if (!soFar.isEmpty() && !cancellation.isCancelled()) {
                    sink.partial(soFar);
                }
            }, new Object(), cancellation, system + user, sink::usage);
            if (cancellation.isCancelled()) {
                return;
            }
            if (error == null) {
                String summary = cleanSummary(text.toString());
                if (summary.isEmpty()) {
                    throw new TranslationException("The LLM server at " + baseUrl + " returned an empty summary.");
                }
                sink.completed(summary);
                return;
            }
            if (!isRetryable(error) || faults >= maxRetries) {
                throw failure(error);
            }
            faults++;
            if (!sleep(retryWait(error, faults), cancellation)) {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- explanation (study tools)

    private static final String EXPLAIN_VERSION = "explain-v1";

    @Override
    public void explain(String sentence, String paragraph, ArticleContext context, SummarySink sink,
                        Cancellation cancellation) {
        ArticleContext c = context == null ? new ArticleContext(null, null, null) : context;
        java.util.function.Function<String, String> orUnknown = v -> v == null || v.isBlank() ? "(unknown)"
                : PromptTemplates.escape(v.strip());
        String user = PromptTemplates.fill(ExplainPrompts.USER, Map.of("title", orUnknown.apply(c.title()),
                "source", orUnknown.apply(c.source()), "date", orUnknown.apply(c.date()),
                "paragraph", PromptTemplates.escape(paragraph), "sentence", PromptTemplates.escape(sentence)));
        ChatRequest chat = ChatRequest.builder()
                .messages(SystemMessage.from(ExplainPrompts.SYSTEM), UserMessage.from(user))
                .build();
        StringBuilder text = new StringBuilder();
        Throwable error = stream(chat, token -> {
            text.append(token);
            if (!cancellation.isCancelled()) {
                sink.partial(text.toString().strip());
            }
        }, new Object(), cancellation, ExplainPrompts.SYSTEM + user, sink::usage);
        if (cancellation.isCancelled()) {
            return;
        }
        if (error != null) {
            throw failure(error);
        }
        // Not cleanSummary: an explanation may well start with "Translation:".
        String answer = text.toString().strip();
        if (answer.isEmpty()) {
            throw new TranslationException("The LLM server at " + baseUrl + " returned an empty explanation.");
        }
        sink.completed(answer);
    }

    /** The explanation prompts, read on first use. */
    private static final class ExplainPrompts {
        static final String SYSTEM = read(EXPLAIN_VERSION + ".system.txt");
        static final String USER = read(EXPLAIN_VERSION + ".user.txt");

        private static String read(String name) {
            try (java.io.InputStream in = LangChainTranslationEngine.class.getClassLoader()
                    .getResourceAsStream("prompts/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("Missing prompt template on the classpath: prompts/" + name);
                }
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Override
    public List<ProposedTerm> proposeTerms(SummaryRequest request, java.util.function.Consumer<CallUsage> usage,
                                           Cancellation cancellation) {
        String system = PromptTemplates.proposeTermsSystem();
        String user = PromptTemplates.proposeTermsUser(request);
        ChatRequest chat = ChatRequest.builder()
                .messages(SystemMessage.from(system), UserMessage.from(user))
                .build();
        StringBuilder text = new StringBuilder();
        Throwable error = stream(chat, text::append, new Object(), cancellation, system + user, usage::accept);
        if (error != null) {
            throw failure(error);
        }
        return ProposedTerm.parse(text.toString());
    }

    @Override
    public String testConnection() {
        String system = "You answer connection tests.";
        String user = "Reply with the single word OK.";
        ChatRequest chat = ChatRequest.builder()
                .messages(SystemMessage.from(system), UserMessage.from(user))
                .build();
        StringBuilder text = new StringBuilder();
        long start = System.nanoTime();
        Throwable error = stream(chat, text::append, new Object(), new Cancellation(), system + user, u -> { });
        if (error != null) {
            throw failure(error);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        return "Connected to " + baseUrl + " (" + info.label() + "): answered in " + ms + " ms.";
    }

    private static String cleanSummary(String text) {
        return PREAMBLE.matcher(text).replaceFirst("").strip();
    }

    // ---------------------------------------------------------------- streaming

    private interface TokenConsumer {
        void accept(String token);
    }

    /**
     * Streams one chat call, feeding tokens to {@code consumer} under {@code lock}. Returns {@code null} when the stream
     * completed (or was cancelled), else the error. Ends the call when no token arrived for {@link #timeout}.
     */
    private Throwable stream(ChatRequest chat, TokenConsumer consumer, Object lock, Cancellation cancellation,
                             String promptText, java.util.function.Consumer<CallUsage> usage) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicReference<dev.langchain4j.model.output.TokenUsage> reported = new AtomicReference<>();
        StringBuilder received = new StringBuilder();
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        // Set once this call has given up (timeout, cancel): late callbacks are then ignored.
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable stop = () -> {
            closed.set(true);
            StreamingHandle h = handle.get();
            if (h != null && !h.isCancelled()) {
                try {
                    h.cancel();
                } catch (RuntimeException ignored) {
                    // the stream may have ended already
                }
            }
        };
        Runnable unregister = cancellation.onCancel(() -> {
            stop.run();
            done.complete(null);
        });
        try {
            model.chat(chat, new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                    if (context != null) {
                        handle.compareAndSet(null, context.streamingHandle());
                    }
                    if (closed.get() || cancellation.isCancelled()) {
                        stop.run();
                        return;
                    }
                    lastActivity.set(System.nanoTime());
                    synchronized (lock) {
                        if (!closed.get()) {
                            received.append(partial.text());
                            consumer.accept(partial.text());
                        }
                    }
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    if (response != null) {
                        reported.set(response.tokenUsage());
                    }
                    done.complete(null);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        try {
            long limit = timeout.toNanos();
            while (true) {
                long idle = System.nanoTime() - lastActivity.get();
                if (idle >= limit) {
                    stop.run();
                    return new StalledException();
                }
                try {
                    done.get(limit - idle, TimeUnit.NANOSECONDS);
                    return null;
                } catch (TimeoutException ignored) {
                    // check whether tokens arrived meanwhile
                } catch (ExecutionException e) {
                    return e.getCause();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancellation.cancel();
                    return null;
                }
            }
        } finally {
            synchronized (lock) {
                closed.set(true);
            }
            unregister.run();
            reportUsage(reported.get(), promptText, received, lock, usage);
        }
    }

    /** Reports the provider's token counts, or our estimate where it gave none (also for failed calls). */
    private static void reportUsage(dev.langchain4j.model.output.TokenUsage reported, String promptText,
                                    StringBuilder received, Object lock, java.util.function.Consumer<CallUsage> usage) {
        try {
            if (reported != null && reported.inputTokenCount() != null && reported.inputTokenCount() > 0) {
                usage.accept(new CallUsage(reported.inputTokenCount(),
                        reported.outputTokenCount() == null ? 0 : reported.outputTokenCount(), false));
                return;
            }
            String out;
            synchronized (lock) {
                out = received.toString();
            }
            usage.accept(new CallUsage(TokenEstimator.estimate(promptText) + 10, TokenEstimator.estimate(out), true));
        } catch (RuntimeException e) {
            log.warn("Could not record token usage", e);
        }
    }

    /** Our own guard fired: no token within the time limit. */
    private static final class StalledException extends RuntimeException {
        StalledException() {
            super("no answer within the time limit", null, false, false);
        }
    }

    private static boolean sleep(Duration duration, Cancellation cancellation) {
        long end = System.nanoTime() + duration.toNanos();
        while (!cancellation.isCancelled()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 50));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancellation.cancel();
                return false;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- faults

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        Set<Throwable> seen = new LinkedHashSet<>();
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean isTimeout(Throwable error) {
        return find(error, StalledException.class) != null
                || (find(error, HttpTimeoutException.class) != null && find(error, HttpConnectTimeoutException.class) == null)
                || find(error, dev.langchain4j.exception.TimeoutException.class) != null
                || find(error, TimeoutException.class) != null;
    }

    private static boolean isUnreachable(Throwable error) {
        return find(error, ConnectException.class) != null || find(error, HttpConnectTimeoutException.class) != null
                || find(error, UnresolvedAddressException.class) != null || find(error, UnknownHostException.class) != null
                || find(error, UnresolvedModelServerException.class) != null;
    }

    static boolean isRetryable(Throwable error) {
        HttpException http = find(error, HttpException.class);
        if (http != null) {
            int status = http.statusCode();
            return status == 408 || status == 429 || status >= 500;
        }
        if (isTimeout(error)) {
            return false; // a slow server stays slow: retrying would only multiply the wait
        }
        return isUnreachable(error) || find(error, IOException.class) != null;
    }

    private TranslationException failure(Throwable error) {
        String message = describe(error);
        log.warn("{} ({})", message, scrub(String.valueOf(error)));
        return new TranslationException(message, new RuntimeException(scrub(String.valueOf(error))));
    }

    /** A message for the user that names the cause and the server, never the API key. */
    String describe(Throwable error) {
        HttpException http = find(error, HttpException.class);
        if (http != null) {
            int status = http.statusCode();
            String answered = "The LLM server at " + baseUrl + " answered " + status
                    + (REASONS.containsKey(status) ? " " + REASONS.get(status) : "");
            return scrub(switch (status) {
                case 401, 403 -> answered + ": check " + ("ollama".equals(info.provider()) ? "the API key" : "OPENAI_API_KEY") + ".";
                case 404 -> answered + ": check the model name \"" + info.model() + "\" and the base URL.";
                case 429 -> answered + ": the server is rate-limiting requests; try again later.";
                default -> status >= 500 ? answered + "." : answered + detail(http.getMessage());
            });
        }
        if (isTimeout(error)) {
            return "The LLM server at " + baseUrl + " did not answer within " + human(timeout) + ".";
        }
        if (find(error, ConnectException.class) != null) {
            return "Could not reach the LLM server at " + baseUrl + " (connection refused).";
        }
        if (isUnreachable(error)) {
            return "Could not reach the LLM server at " + baseUrl + " (unknown host or no connection).";
        }
        if (find(error, IOException.class) != null) {
            return scrub("The connection to the LLM server at " + baseUrl + " broke off" + detail(find(error, IOException.class).getMessage()));
        }
        return scrub("The LLM server at " + baseUrl + " failed" + detail(error.getMessage()));
    }

    private String detail(String message) {
        if (message == null || message.isBlank()) {
            return ".";
        }
        String m = scrub(message.strip().replaceAll("\\s+", " "));
        return ": " + (m.length() > 200 ? m.substring(0, 200) + "…" : m) + (m.endsWith(".") ? "" : ".");
    }

    String scrub(String text) {
        if (text == null || apiKey == null || apiKey.isEmpty()) {
            return text;
        }
        return text.replace(apiKey, "***");
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms % 1000 == 0 && ms < 120_000) {
            return ms / 1000 + " s";
        }
        if (ms < 120_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return (ms / 60_000) + " min" + (ms % 60_000 >= 1000 ? " " + (ms % 60_000) / 1000 + " s" : "");
    }
}
