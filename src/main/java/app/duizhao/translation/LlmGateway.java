package app.duizhao.translation;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaModels;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The one way to an LLM: every call of translation, summary, Explain, glossary proposals and the model check goes
 * through here. It owns the LangChain4j streaming client and, per call: a slot of the provider's concurrency (so a
 * one-slot local server never has requests queueing behind each other against the time limit), an explicit output
 * limit, Ollama's {@code num_ctx}, the thinking switch, the parameters the model is known to reject
 * ({@link ModelQuirks}, learnt from its 400 answers and remembered), the separate first-token and idle time limits
 * (reasoning tokens count as the model being alive), reasoning kept apart from the answer (sent apart as
 * {@code reasoning_content} / {@code message.thinking}, or inline as {@code <think>…</think>}), the finish reason,
 * detection of a prompt Ollama cut to fit its window, token usage, and retries with backoff and {@code Retry-After}.
 *
 * <p>LangChain4j 1.11 exposes all of this through its clients (finish reasons, {@code onPartialThinking} with
 * {@code returnThinking}, per-request {@code numCtx}/{@code think}/{@code maxCompletionTokens}, the prompt token
 * count Ollama reports, the model card's capabilities), so no raw HTTP is needed.
 */
final class LlmGateway {

    private static final Logger log = LoggerFactory.getLogger(LlmGateway.class);
    /** The longest {@code Retry-After} honoured; longer waits are cut to this (cancel still stops the wait). */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    private static final Map<String, Semaphore> SLOTS = new ConcurrentHashMap<>();

    /**
     * One call.
     *
     * @param purpose         {@code translate}, {@code summary}, {@code explain}, {@code glossary} or {@code check}
     * @param maxOutputTokens the answer this call expects at most (the request's output limit, within the setting)
     * @param translation     whether it translates (thinking {@code auto} means off then)
     */
    record Request(String purpose, String system, String user, int maxOutputTokens, boolean translation) {
        int promptEstimate() {
            return TokenEstimator.estimate(system) + TokenEstimator.estimate(user) + 24;
        }
    }

    /** Receives the answer (never the reasoning) as it streams. */
    interface Listener {
        void answer(String delta);

        /** The answer so far turned out to be reasoning (a stray {@code </think>}): start again. */
        default void restart() {
        }
    }

    /**
     * How a call ended.
     *
     * @param text          the final answer, reasoning removed
     * @param finish        the provider's finish reason ({@code null} when it gave none or the call failed)
     * @param promptTokens  the prompt tokens the provider counted (Ollama: those it kept in its window)
     * @param promptCut     Ollama cut the prompt to fit its window: nothing of this answer may be used
     * @param insideReasoning the answer ended inside {@code <think>} (cut while thinking)
     * @param error         the failure, or {@code null}
     */
    record Answer(String text, String reasoning, FinishReason finish, Integer promptTokens, boolean promptCut,
                  boolean insideReasoning, boolean restarted, Throwable error, boolean cancelled) {
        /** The answer was cut at the output limit (also while still thinking). */
        boolean cut() {
            return error == null && !cancelled && (finish == FinishReason.LENGTH || insideReasoning);
        }

        boolean filtered() {
            return finish == FinishReason.CONTENT_FILTER;
        }

        boolean ok() {
            return error == null && !cancelled;
        }
    }

    private final LlmProperties properties;
    private final StreamingChatModel model;
    private final EngineInfo info;
    private final String baseUrl;
    private final ModelQuirks quirks;
    private final LlmFailures failures;
    private final Semaphore slots;
    private final int concurrency;
    private final Duration backoff;
    private final RetryAfterHttpClient.Holder retryAfter;
    private final LlmParameters parameters;
    private final LlmStream stream;

    LlmGateway(StreamingChatModel model, LlmProperties properties, int fallbackConcurrency, Duration backoff,
               RetryAfterHttpClient.Holder retryAfter) {
        this.properties = properties;
        this.model = model;
        this.info = new EngineInfo(properties.provider(), ChatModels.model(properties), OutputKind.LLM);
        this.baseUrl = ChatModels.baseUrl(properties);
        this.quirks = ModelQuirks.of(info.provider(), baseUrl, info.model());
        this.failures = new LlmFailures(info.provider(), baseUrl, info.model(),
                properties.hasApiKey() ? properties.apiKey().strip() : null, properties.firstTokenTimeout(),
                properties.timeout());
        this.concurrency = properties.concurrencyFor(fallbackConcurrency);
        this.slots = SLOTS.computeIfAbsent(info.provider() + "|" + baseUrl + "|" + concurrency,
                k -> new Semaphore(concurrency, true));
        this.backoff = backoff;
        this.retryAfter = retryAfter;
        this.parameters = new LlmParameters(properties, baseUrl, info.model(), isOllama(), quirks);
        this.stream = new LlmStream(model, properties, info, parameters, quirks);
    }

    EngineInfo info() { return info; }
    String baseUrl() { return baseUrl; }
    LlmFailures failures() { return failures; }
    LlmProperties properties() { return properties; }
    ModelQuirks quirks() { return quirks; }
    int concurrency() { return concurrency; }
    int maxRetries() { return properties.maxRetries(); }
    boolean isOllama() { return ChatModels.OLLAMA.equals(info.provider()); }

    /** The most output tokens a request may ask for. */
    int maxOutputTokens() {
        return properties.maxOutputTokens();
    }

    /** The largest prompt, in estimated tokens, that leaves room for {@code output} tokens in Ollama's window. */
    int promptRoom(int output) {
        return isOllama() ? properties.contextWindow() - output - LlmParameters.CONTEXT_MARGIN : Integer.MAX_VALUE;
    }

    // ---------------------------------------------------------------- calls

    /**
     * Makes one call (a parameter the model rejects is dropped or renamed and the call made again at once), waiting
     * first for a free slot of the provider. Never throws for the provider's faults: they come back in the answer.
     */
    Answer call(Request request, Listener listener, Cancellation cancellation, Consumer<CallUsage> usage) {
        if (!acquire(cancellation)) {
            return new Answer("", "", null, null, false, false, false, null, true);
        }
        try {
            for (int fixes = 0; ; fixes++) {
                Answer answer = stream.attempt(request, listener, cancellation, usage);
                if (answer.error() == null || fixes >= 4 || !parameters.adjustTo(answer.error())) {
                    return answer;
                }
                log.info("{} rejected a parameter; calling again with {}", info.label(), quirks.describe());
            }
        } finally {
            slots.release();
        }
    }

    /**
     * A whole-text call (summary, Explain, glossary proposals, the model check): transient faults are retried from
     * scratch; {@code partial} gets the answer so far. Returns the answer ({@link Answer#cut()} may be set), or
     * {@code null} when cancelled.
     *
     * @throws TranslationException when the provider cannot be used or refuses
     */
    Answer complete(Request request, Consumer<String> partial, Cancellation cancellation, Consumer<CallUsage> usage) {
        int faults = 0;
        while (!cancellation.isCancelled()) {
            StringBuilder text = new StringBuilder();
            Answer answer = call(request, new Listener() {
                @Override
                public void answer(String delta) {
                    text.append(delta);
                    if (!cancellation.isCancelled()) {
                        partial.accept(text.toString());
                    }
                }

                @Override
                public void restart() {
                    text.setLength(0);
                }
            }, cancellation, usage);
            if (answer.cancelled() || cancellation.isCancelled()) {
                return null;
            }
            if (answer.ok()) {
                return answer;
            }
            if (!LlmFailures.isRetryable(answer.error()) || faults >= maxRetries()) {
                throw failure(answer.error());
            }
            faults++;
            if (!sleep(retryWait(answer.error(), faults), cancellation)) {
                return null;
            }
        }
        return null;
    }

    TranslationException failure(Throwable error) {
        TranslationException failure = failures.failure(error);
        log.warn("{} ({})", failure.detail(), failures.scrub(String.valueOf(error)));
        return failure;
    }

    private boolean acquire(Cancellation cancellation) {
        try {
            while (!cancellation.isCancelled()) {
                if (slots.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancellation.cancel();
        }
        return false;
    }

    // ---------------------------------------------------------------- waiting

    /** Exponential backoff, or the server's {@code Retry-After} on 429/503 when longer (capped at a minute). */
    Duration retryWait(Throwable error, int fault) {
        Duration wait = backoff.multipliedBy(1L << Math.min(10, fault - 1));
        Integer status = LlmFailures.status(error);
        if (status != null && (status == 429 || status == 503)) {
            Duration asked = retryAfter.recent(Duration.ofSeconds(30)).orElse(Duration.ZERO);
            if (asked.compareTo(MAX_RETRY_AFTER) > 0) {
                asked = MAX_RETRY_AFTER;
            }
            if (asked.compareTo(wait) > 0) {
                log.info("The LLM server asked to wait {} (Retry-After)", LlmFailures.human(asked));
                wait = asked;
            }
        }
        return wait;
    }

    static boolean sleep(Duration duration, Cancellation cancellation) {
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
}
