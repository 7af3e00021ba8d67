package app.duizhao.translation;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * LLM settings ({@code duizhao.llm.*}) as read at startup; the settings page can change all but the key at runtime
 * (see {@link TranslationEngines#update}). The API key comes from the environment ({@code OPENAI_API_KEY} by
 * default) and is never logged: {@link #toString()} hides it.
 *
 * @param provider   {@code offline}, {@code openai} or {@code ollama}
 * @param baseUrl    the server address, e.g. {@code https://api.openai.com/v1} or {@code http://localhost:11434}
 * @param model      the model name
 * @param apiKey     the API key (openai only)
 * @param timeout    the time limit for one call (no token for this long ends the call)
 * @param maxRetries how many times a failed call is tried again
 */
@ConfigurationProperties("duizhao.llm")
public record LlmProperties(String provider, String baseUrl, String model, String apiKey, Duration timeout,
                            Integer maxRetries) {

    public LlmProperties {
        provider = provider == null || provider.isBlank() ? "offline" : provider.trim().toLowerCase(java.util.Locale.ROOT);
        timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? Duration.ofSeconds(120) : timeout;
        maxRetries = maxRetries == null || maxRetries < 0 ? 2 : maxRetries;
    }

    /** Whether an API key is set (without revealing it). */
    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** The same settings with another provider and model (the key stays). */
    public LlmProperties with(String provider, String baseUrl, String model) {
        return new LlmProperties(provider, baseUrl, model, apiKey, timeout, maxRetries);
    }

    @Override
    public String toString() {
        return "LlmProperties[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model
                + ", apiKey=" + (hasApiKey() ? "***" : "(none)") + ", timeout=" + timeout
                + ", maxRetries=" + maxRetries + "]";
    }
}
