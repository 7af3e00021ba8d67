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
 * One streamed call through the LangChain4j client: the first-token and idle time limits (reasoning tokens count as
 * the model being alive), reasoning kept apart from the answer (sent apart, or inline as {@code <think>}), the finish
 * reason, a prompt Ollama cut to fit its window, and the tokens used.
 */
final class LlmStream {

    private static final Logger log = LoggerFactory.getLogger(LlmStream.class);

    private final StreamingChatModel model;
    private final LlmProperties properties;
    private final EngineInfo info;
    private final LlmParameters parameters;
    private final ModelQuirks quirks;

    LlmStream(StreamingChatModel model, LlmProperties properties, EngineInfo info, LlmParameters parameters,
              ModelQuirks quirks) {
        this.model = model;
        this.properties = properties;
        this.info = info;
        this.parameters = parameters;
        this.quirks = quirks;
    }

    private int maxOutputTokens() {
        return properties.maxOutputTokens();
    }

    private boolean isOllama() {
        return ChatModels.OLLAMA.equals(info.provider());
    }


    LlmGateway.Answer attempt(LlmGateway.Request request, LlmGateway.Listener listener, Cancellation cancellation, Consumer<CallUsage> usage) {
        int prompt = request.promptEstimate();
        boolean thinksAnyway = quirks.seenReasoning && !Boolean.FALSE.equals(parameters.thinking(request));
        int outputLimit = Math.min(maxOutputTokens(), request.maxOutputTokens() * (thinksAnyway ? 2 : 1));
        Integer numCtx = isOllama() ? parameters.contextFor(prompt + outputLimit + LlmParameters.CONTEXT_MARGIN) : null;
        ChatRequest chat = parameters.chatRequest(request, outputLimit, numCtx);

        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicReference<ChatResponse> response = new AtomicReference<>();
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        AtomicBoolean started = new AtomicBoolean();
        AtomicBoolean closed = new AtomicBoolean();
        Object lock = new Object();
        ThinkFilter filter = new ThinkFilter(new ThinkFilter.Sink() {
            @Override
            public void answer(String delta) {
                listener.answer(delta);
            }

            @Override
            public void reasoning(String delta) {
                // kept apart; never shown
            }

            @Override
            public void restart() {
                listener.restart();
            }
        });
        StringBuilder apart = new StringBuilder();
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
                    if (alive()) {
                        synchronized (lock) {
                            if (!closed.get()) {
                                filter.accept(partial.text());
                            }
                        }
                    }
                }

                @Override
                public void onPartialThinking(PartialThinking thinking, PartialThinkingContext context) {
                    if (context != null) {
                        handle.compareAndSet(null, context.streamingHandle());
                    }
                    if (alive() && thinking != null && thinking.text() != null) {
                        synchronized (lock) {
                            apart.append(thinking.text());
                        }
                    }
                }

                private boolean alive() {
                    if (closed.get() || cancellation.isCancelled()) {
                        stop.run();
                        return false;
                    }
                    lastActivity.set(System.nanoTime());
                    started.set(true);
                    return true;
                }

                @Override
                public void onCompleteResponse(ChatResponse complete) {
                    response.set(complete);
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
        Throwable error = await(done, lastActivity, started, stop, cancellation);
        String answer;
        String reasoning;
        synchronized (lock) {
            closed.set(true);
            if (error == null && !cancellation.isCancelled()) {
                filter.finish();
            }
            answer = filter.answer();
            reasoning = apart + filter.reasoning();
        }
        unregister.run();
        if (!reasoning.isBlank()) {
            quirks.seenReasoning = true;
        }
        ChatResponse complete = response.get();
        FinishReason finish = complete == null ? null : complete.finishReason();
        TokenUsage tokens = complete == null ? null : complete.tokenUsage();
        Integer promptTokens = tokens == null ? null : tokens.inputTokenCount();
        boolean promptCut = error == null && numCtx != null && promptWasCut(promptTokens, prompt, numCtx);
        if (promptCut) {
            log.info("{} kept {} of about {} prompt tokens (num_ctx {}): the prompt was cut", info.label(),
                    promptTokens, prompt, numCtx);
        }
        report(usage, tokens, request, answer + reasoning);
        return new LlmGateway.Answer(answer, reasoning, finish, promptTokens, promptCut,
                error == null && filter.endedInsideReasoning(), filter.sawOrphanClose(), error,
                cancellation.isCancelled());
    }

    /**
     * Ollama cuts a prompt longer than {@code num_ctx} silently, reporting only the tokens it kept: half the window,
     * {@code num_ctx/2 + 2}, in current releases (ollama/ollama#17427), the whole window in older ones. Either
     * signature, or far fewer tokens than we sent (less than a third: tokenizers differ, but not that much), means
     * cut.
     */
    static boolean promptWasCut(Integer kept, int estimate, int numCtx) {
        if (kept == null || kept <= 0) {
            return false; // a fully cached prompt may report none
        }
        boolean halfWindow = Math.abs(kept - (numCtx / 2 + 2)) <= 4 && estimate > numCtx / 3;
        boolean fullWindow = kept >= numCtx - 16;
        return halfWindow || fullWindow || (estimate >= 400 && kept * 3 < estimate);
    }

    private Throwable await(CompletableFuture<Void> done, AtomicLong lastActivity, AtomicBoolean started,
                            Runnable stop, Cancellation cancellation) {
        while (true) {
            boolean first = !started.get();
            long limit = (first ? properties.firstTokenTimeout() : properties.timeout()).toNanos();
            long idle = System.nanoTime() - lastActivity.get();
            if (idle >= limit) {
                stop.run();
                return new LlmFailures.StalledException(first ? "no first token within the time limit"
                        : "no answer within the time limit");
            }
            try {
                done.get(Math.min(limit - idle, TimeUnit.MILLISECONDS.toNanos(250)), TimeUnit.NANOSECONDS);
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
    }

    /** Reports the provider's token counts (reasoning included), or our estimate where it gave none. */
    private static void report(Consumer<CallUsage> usage, TokenUsage reported, LlmGateway.Request request, String received) {
        try {
            if (reported != null && reported.inputTokenCount() != null && reported.inputTokenCount() > 0) {
                usage.accept(new CallUsage(reported.inputTokenCount(),
                        reported.outputTokenCount() == null ? 0 : reported.outputTokenCount(), false));
            } else {
                usage.accept(new CallUsage(request.promptEstimate(), TokenEstimator.estimate(received), true));
            }
        } catch (RuntimeException e) {
            log.warn("Could not record token usage", e);
        }
    }
}
