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
 * The parameters of one LLM request and what the model is known to reject: temperature (unless rejected), an
 * explicit output limit named as the model wants it ({@code max_tokens}, {@code max_completion_tokens} or Ollama's
 * {@code num_predict}), Ollama's {@code num_ctx}, and the thinking switch ({@code think} for Ollama models whose
 * capabilities say they think, {@code reasoning_effort} for OpenAI-style reasoning models). A 400 naming a rejected
 * parameter is learnt into {@link ModelQuirks}.
 */
final class LlmParameters {

    static final double TEMPERATURE = 0.2;
    static final int CONTEXT_MARGIN = 256;

    private final LlmProperties properties;
    private final String baseUrl;
    private final String model;
    private final boolean ollama;
    private final ModelQuirks quirks;

    LlmParameters(LlmProperties properties, String baseUrl, String model, boolean ollama, ModelQuirks quirks) {
        this.properties = properties;
        this.baseUrl = baseUrl;
        this.model = model;
        this.ollama = ollama;
        this.quirks = quirks;
    }

    private boolean isOllama() {
        return ollama;
    }


    ChatRequest chatRequest(LlmGateway.Request request, int outputLimit, Integer numCtx) {
        Double temperature = quirks.temperatureRejected ? null : TEMPERATURE;
        Boolean thinking = thinking(request);
        ChatRequestParameters parameters;
        if (isOllama()) {
            parameters = OllamaChatRequestParameters.builder()
                    .temperature(temperature)
                    .maxOutputTokens(outputLimit) // num_predict
                    .numCtx(numCtx)
                    .think(thinking != null && !quirks.thinkRejected && capableOfThinking() ? thinking : null)
                    .build();
        } else {
            OpenAiChatRequestParameters.Builder b = OpenAiChatRequestParameters.builder().temperature(temperature);
            switch (quirks.outputLimit) {
                case MAX_TOKENS -> b.maxOutputTokens(outputLimit);
                case MAX_COMPLETION_TOKENS -> b.maxCompletionTokens(outputLimit);
                case NONE -> { }
            }
            // reasoning_effort only where it can matter: thinking switched off, or a model seen thinking.
            if (Boolean.FALSE.equals(thinking) && !quirks.reasoningEffortRejected
                    && ("off".equals(properties.thinking()) || quirks.seenReasoning)) {
                b.reasoningEffort("low");
            }
            parameters = b.build();
        }
        return ChatRequest.builder()
                .messages(SystemMessage.from(request.system()), UserMessage.from(request.user()))
                .parameters(parameters)
                .build();
    }

    /** Whether to ask for thinking: {@code null} leaves the model's default. */
    Boolean thinking(LlmGateway.Request request) {
        return switch (properties.thinking()) {
            case "off" -> false;
            case "on" -> true;
            default -> request.translation() ? false : null;
        };
    }

    /** Ollama sends {@code think} only to models whose capabilities list "thinking" (others answer 400). */
    private boolean capableOfThinking() {
        Boolean known = quirks.capableOfThinking;
        if (known != null) {
            return known;
        }
        boolean capable;
        try {
            Duration limit = properties.firstTokenTimeout().compareTo(Duration.ofSeconds(30)) > 0
                    ? properties.firstTokenTimeout() : Duration.ofSeconds(30);
            List<String> capabilities = OllamaModels.builder().baseUrl(baseUrl).timeout(limit)
                    .maxRetries(0).build().modelCard(model).content().getCapabilities();
            capable = capabilities != null && capabilities.contains("thinking");
        } catch (RuntimeException e) {
            capable = false;
        }
        quirks.capableOfThinking = capable;
        return capable;
    }

    /** Learns from a 400 which parameter the model rejects; whether the call is worth making again. */
    boolean adjustTo(Throwable error) {
        Integer status = LlmFailures.status(error);
        if (status == null || status != 400) {
            return false;
        }
        String param = LlmFailures.rejectedParam(error);
        String message = String.valueOf(LlmFailures.providerMessage(error)).toLowerCase(Locale.ROOT);
        boolean rejection = param != null || message.contains("unsupported") || message.contains("not support")
                || message.contains("unrecognized") || message.contains("unknown") || message.contains("extra");
        if (!rejection) {
            return false;
        }
        if (!quirks.temperatureRejected && ("temperature".equals(param) || message.contains("temperature"))) {
            quirks.temperatureRejected = true;
            return true;
        }
        if (quirks.outputLimit == ModelQuirks.OutputLimit.MAX_TOKENS
                && ("max_tokens".equals(param) || message.contains("'max_tokens'") || message.contains("max_tokens "))) {
            quirks.outputLimit = ModelQuirks.OutputLimit.MAX_COMPLETION_TOKENS;
            return true;
        }
        if (quirks.outputLimit == ModelQuirks.OutputLimit.MAX_COMPLETION_TOKENS
                && ("max_completion_tokens".equals(param) || message.contains("max_completion_tokens"))) {
            quirks.outputLimit = ModelQuirks.OutputLimit.NONE;
            return true;
        }
        if (!quirks.reasoningEffortRejected && ("reasoning_effort".equals(param) || message.contains("reasoning_effort"))) {
            quirks.reasoningEffortRejected = true;
            return true;
        }
        if (isOllama() && !quirks.thinkRejected && message.contains("think")) {
            quirks.thinkRejected = true;
            return true;
        }
        return false;
    }

    /** Ollama reloads a model when {@code num_ctx} changes: asking in a few sizes keeps reloads rare. */
    int contextFor(int needed) {
        int size = 2048;
        while (size < needed && size < properties.contextWindow()) {
            size *= 2;
        }
        return Math.min(size, properties.contextWindow());
    }
}
