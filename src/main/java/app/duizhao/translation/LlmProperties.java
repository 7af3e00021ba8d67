package app.duizhao.translation;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * LLM settings ({@code duizhao.llm.*}). The API key comes from the environment ({@code OPENAI_API_KEY} by
 * default) and is never logged: {@link #toString()} hides it.
 *
 * @param provider   {@code offline}, {@code openai} or {@code ollama}
 * @param baseUrl    the server address, e.g. {@code https://api.openai.com/v1} or {@code http://localhost:11434}
 * @param model      the model name
 * @param apiKey     the API key (openai only)
 * @param timeout    the time limit for one call
 * @param batchChars how many source characters go into one request at most
 * @param maxRetries how many times a failed call is tried again
 */
@ConfigurationProperties("duizhao.llm")
public record LlmProperties(String provider, String baseUrl, String model, String apiKey, Duration timeout,
                            Integer batchChars, Integer maxRetries) {

    public LlmProperties {
        provider = provider == null || provider.isBlank() ? "offline" : provider.trim().toLowerCase(java.util.Locale.ROOT);
        timeout = timeout == null ? Duration.ofSeconds(120) : timeout;
        batchChars = batchChars == null || batchChars < 100 ? 1200 : batchChars;
        maxRetries = maxRetries == null || maxRetries < 0 ? 2 : maxRetries;
    }

    /** Whether an API key is set (without revealing it). */
    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    @Override
    public String toString() {
        return "LlmProperties[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model
                + ", apiKey=" + (hasApiKey() ? "***" : "(none)") + ", timeout=" + timeout
                + ", batchChars=" + batchChars + ", maxRetries=" + maxRetries + "]";
    }
}
