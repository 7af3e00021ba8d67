package app.duizhao.translation;

import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

import java.util.List;

/** Builds the LangChain4j streaming chat model the settings name. */
final class ChatModels {

    static final String OFFLINE = "offline";
    static final String OPENAI = "openai";
    static final String OLLAMA = "ollama";
    static final List<String> PROVIDERS = List.of(OFFLINE, OPENAI, OLLAMA);

    static final String DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";
    static final String DEFAULT_OLLAMA_BASE_URL = "http://localhost:11434";
    static final String DEFAULT_OPENAI_MODEL = "gpt-4o-mini";
    static final String DEFAULT_OLLAMA_MODEL = "qwen2.5:7b";
    /** Local OpenAI-compatible servers need no key, but the client insists on one. */
    static final String NO_KEY = "not-needed";

    private ChatModels() {
    }

    /** Checks the provider name; returns it. */
    static String checkProvider(String provider) {
        if (!PROVIDERS.contains(provider)) {
            throw new IllegalArgumentException("Unknown LLM provider \"" + provider + "\" (duizhao.llm.provider): use one of "
                    + String.join(", ", PROVIDERS) + ".");
        }
        return provider;
    }

    static String baseUrl(LlmProperties p) {
        String url = p.baseUrl() == null || p.baseUrl().isBlank()
                ? (OLLAMA.equals(p.provider()) ? DEFAULT_OLLAMA_BASE_URL : DEFAULT_OPENAI_BASE_URL)
                : p.baseUrl().strip();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String model(LlmProperties p) {
        if (p.model() != null && !p.model().isBlank()) {
            return p.model().strip();
        }
        return OLLAMA.equals(p.provider()) ? DEFAULT_OLLAMA_MODEL : DEFAULT_OPENAI_MODEL;
    }

    /** The streaming model for an {@code openai} or {@code ollama} provider. */
    static StreamingChatModel create(LlmProperties p) {
        return create(p, new RetryAfterHttpClient.Holder());
    }

    /**
     * The streaming model; {@code Retry-After} headers of its 429 and 503 answers are noted in {@code retryAfter}.
     * Temperature, output limit, context window and thinking are set per request by {@link LlmGateway} (a model may
     * reject some of them); reasoning is asked back ({@code returnThinking}) so it can be kept apart and count as the
     * model being alive. The HTTP time limit covers the wait for the first token (the gateway watches the rest).
     */
    static StreamingChatModel create(LlmProperties p, RetryAfterHttpClient.Holder retryAfter) {
        JdkHttpClientBuilder http = JdkHttpClient.builder().httpClientBuilder(RetryAfterHttpClient.builder(retryAfter));
        java.time.Duration timeout = p.firstTokenTimeout().compareTo(p.timeout()) > 0 ? p.firstTokenTimeout() : p.timeout();
        return switch (checkProvider(p.provider())) {
            case OPENAI -> OpenAiStreamingChatModel.builder()
                    .httpClientBuilder(http)
                    .baseUrl(baseUrl(p))
                    .apiKey(p.hasApiKey() ? p.apiKey().strip() : NO_KEY)
                    .modelName(model(p))
                    .timeout(timeout)
                    .returnThinking(true)
                    .build();
            case OLLAMA -> OllamaStreamingChatModel.builder()
                    .httpClientBuilder(http)
                    .baseUrl(baseUrl(p))
                    .modelName(model(p))
                    .timeout(timeout)
                    .returnThinking(true)
                    .build();
            default -> throw new IllegalArgumentException("The " + p.provider() + " provider uses no chat model.");
        };
    }
}
