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
    static final int DEFAULT_CONCURRENCY = 2;
    static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);

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
    private final int batchChars;
    private final int maxRetries;
    private final int concurrency;
    private final Duration backoff;

    LangChainTranslationEngine(LlmProperties properties) {
        this(ChatModels.create(properties), properties, DEFAULT_CONCURRENCY, DEFAULT_BACKOFF);
    }

    LangChainTranslationEngine(StreamingChatModel model, LlmProperties properties, int concurrency, Duration backoff) {
        this.model = model;
        this.info = new EngineInfo(properties.provider(), ChatModels.model(properties), OutputKind.LLM);
        this.baseUrl = ChatModels.baseUrl(properties);
        this.apiKey = properties.hasApiKey() ? properties.apiKey().strip() : null;
        this.timeout = properties.timeout();
        this.batchChars = properties.batchChars();
        this.maxRetries = properties.maxRetries();
        this.concurrency = Math.max(1, concurrency);
        this.backoff = backoff;
    }

    @Override
    public EngineInfo info() {
        return info;
    }

    // ---------------------------------------------------------------- translation

    @Override
    public void translate(TranslationRequest request, TranslationSink sink, Cancellation cancellation) {
        List<List<Segment>> batches = batches(request.segments(), batchChars);
        if (batches.isEmpty() || cancellation.isCancelled()) {
            return;
        }
        if (concurrency == 1 || batches.size() == 1) {
            for (List<Segment> batch : batches) {
                if (cancellation.isCancelled()) {
                    return;
                }
                translateBatch(request.context(), batch, sink, cancellation);
            }
            return;
        }
        runConcurrently(request.context(), batches, sink, cancellation);
    }

    private void runConcurrently(ArticleContext context, List<List<Segment>> batches, TranslationSink sink,
                                 Cancellation cancellation) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < Math.min(concurrency, batches.size()); w++) {
                futures.add(workers.submit(() -> {
                    int i;
                    while (failure.get() == null && !cancellation.isCancelled() && (i = next.getAndIncrement()) < batches.size()) {
                        try {
                            translateBatch(context, batches.get(i), sink, cancellation);
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancellation.cancel();
                    return;
                } catch (ExecutionException e) {
                    failure.compareAndSet(null, new TranslationException("Translation failed: " + scrub(String.valueOf(e.getCause()))));
                }
            }
        }
        if (failure.get() != null && !cancellation.isCancelled()) {
            throw failure.get();
        }
    }

    /** Groups consecutive segments into batches of at most {@code maxChars} source characters. */
    static List<List<Segment>> batches(List<Segment> segments, int maxChars) {
        List<List<Segment>> batches = new ArrayList<>();
        List<Segment> current = new ArrayList<>();
        int chars = 0;
        for (Segment s : segments) {
            int len = s.text() == null ? 0 : s.text().length();
            if (!current.isEmpty() && chars + len > maxChars) {
                batches.add(current);
                current = new ArrayList<>();
                chars = 0;
            }
            current.add(s);
            chars += len;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private void translateBatch(ArticleContext context, List<Segment> batch, TranslationSink sink, Cancellation cancellation) {
        List<Segment> pending = new ArrayList<>(batch);
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
            ChatRequest chat = ChatRequest.builder()
                    .messages(SystemMessage.from(PromptTemplates.translateSystem()),
                            UserMessage.from(PromptTemplates.translateUser(context, asked)))
                    .build();
            Throwable error = stream(chat, parser::accept, parser, cancellation);
            if (cancellation.isCancelled()) {
                return;
            }
            if (error == null) {
                parser.finish();
            }
            pending.removeIf(s -> parser.isCompleted(s.id()));
            if (error != null) {
                if (!isRetryable(error) || faults >= maxRetries) {
                    throw failure(error);
                }
                faults++;
                log.info("LLM call to {} failed ({}); retry {} of {}", baseUrl, scrub(String.valueOf(error)), faults, maxRetries);
                if (!sleep(backoff.multipliedBy(1L << (faults - 1)), cancellation)) {
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

    // ---------------------------------------------------------------- summary

    @Override
    public void summarize(SummaryRequest request, SummarySink sink, Cancellation cancellation) {
        ChatRequest chat = ChatRequest.builder()
                .messages(SystemMessage.from(PromptTemplates.summarizeSystem()),
                        UserMessage.from(PromptTemplates.summarizeUser(request)))
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
            }, new Object(), cancellation);
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
            if (!sleep(backoff.multipliedBy(1L << (faults - 1)), cancellation)) {
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
        }, new Object(), cancellation);
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
    private Throwable stream(ChatRequest chat, TokenConsumer consumer, Object lock, Cancellation cancellation) {
        CompletableFuture<Void> done = new CompletableFuture<>();
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
                            consumer.accept(partial.text());
                        }
                    }
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
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
