package app.duizhao.translation;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * LLM settings ({@code duizhao.llm.*}) as read at startup; the settings page can change provider, address, model,
 * time limit and retries at runtime (see {@link TranslationEngines#update}). The API key comes from the environment
 * ({@code OPENAI_API_KEY} by default) and is never logged: {@link #toString()} hides it.
 *
 * @param provider          {@code offline}, {@code openai} or {@code ollama}
 * @param baseUrl           the server address, e.g. {@code https://api.openai.com/v1} or {@code http://localhost:11434}
 * @param model             the model name
 * @param apiKey            the API key (openai only)
 * @param timeout           the idle time limit of a call once it answers: no token (of the answer or of the
 *                          model's reasoning) for this long ends the call
 * @param maxRetries        how many times a failed call is tried again
 * @param thinking          whether reasoning models think: {@code auto} (default: off for translation, the model's
 *                          default elsewhere), {@code off} or {@code on}; only where the server can switch it
 * @param maxOutputTokens   the most tokens one answer may have (default 4096, DeepSeek's default limit); every request
 *                          asks for an explicit limit sized to its batch, at most this
 * @param contextWindow     the largest context window (Ollama's {@code num_ctx}) a request may ask for (default 8192)
 * @param firstTokenTimeout how long a call may wait for its first token (default: {@link #timeout}); a local server
 *                          that is loading the model or busy with another request needs longer than the idle limit
 * @param concurrency       requests at once per provider, e.g. {@code duizhao.llm.concurrency.ollama=2}; without an
 *                          entry, Ollama (one request at a time by default) gets 1 and the others
 *                          {@code duizhao.translation.concurrency}
 */
@ConfigurationProperties("duizhao.llm")
public record LlmProperties(String provider, String baseUrl, String model, String apiKey, Duration timeout,
                            Integer maxRetries, String thinking, Integer maxOutputTokens, Integer contextWindow,
                            Duration firstTokenTimeout, Map<String, Integer> concurrency) {

    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 4096;
    public static final int DEFAULT_CONTEXT_WINDOW = 8192;

    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public LlmProperties {
        provider = provider == null || provider.isBlank() ? "offline" : provider.trim().toLowerCase(Locale.ROOT);
        timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? Duration.ofSeconds(120) : timeout;
        maxRetries = maxRetries == null || maxRetries < 0 ? 2 : maxRetries;
        thinking = thinking == null || thinking.isBlank() ? "auto" : thinking.strip().toLowerCase(Locale.ROOT);
        if (!thinking.equals("auto") && !thinking.equals("off") && !thinking.equals("on")) {
            throw new IllegalArgumentException("duizhao.llm.thinking must be auto, off or on, not \"" + thinking + "\".");
        }
        maxOutputTokens = maxOutputTokens == null || maxOutputTokens < 64 ? DEFAULT_MAX_OUTPUT_TOKENS : maxOutputTokens;
        contextWindow = contextWindow == null || contextWindow < 512 ? DEFAULT_CONTEXT_WINDOW : contextWindow;
        firstTokenTimeout = firstTokenTimeout == null || firstTokenTimeout.isZero() || firstTokenTimeout.isNegative()
                ? timeout : firstTokenTimeout;
        concurrency = concurrency == null ? Map.of() : Map.copyOf(concurrency);
    }

    /** The settings with the defaults for thinking, limits and concurrency. */
    public LlmProperties(String provider, String baseUrl, String model, String apiKey, Duration timeout,
                         Integer maxRetries) {
        this(provider, baseUrl, model, apiKey, timeout, maxRetries, null, null, null, null, null);
    }

    /** Whether an API key is set (without revealing it). */
    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** The same settings with another provider and model (the key stays). */
    public LlmProperties with(String provider, String baseUrl, String model) {
        return new LlmProperties(provider, baseUrl, model, apiKey, timeout, maxRetries, thinking, maxOutputTokens,
                contextWindow, firstTokenTimeout, concurrency);
    }

    /** The same settings with another provider, address, model, time limit and retries (the rest stays). */
    LlmProperties with(String provider, String baseUrl, String model, Duration timeout, int maxRetries) {
        return new LlmProperties(provider, baseUrl, model, apiKey, timeout, maxRetries, thinking, maxOutputTokens,
                contextWindow, firstTokenTimeout.equals(this.timeout) ? null : firstTokenTimeout, concurrency);
    }

    /** The same settings with these tuning values (tests, benchmarks). */
    LlmProperties tuned(String thinking, Integer maxOutputTokens, Integer contextWindow, Duration firstTokenTimeout,
                        Map<String, Integer> concurrency) {
        return new LlmProperties(provider, baseUrl, model, apiKey, timeout, maxRetries, thinking, maxOutputTokens,
                contextWindow, firstTokenTimeout, concurrency);
    }

    /** Requests at once for this provider: its own entry, else 1 for Ollama, else {@code fallback}. */
    int concurrencyFor(int fallback) {
        Integer own = concurrency.get(provider);
        if (own != null && own > 0) {
            return Math.min(own, 32);
        }
        return "ollama".equals(provider) ? 1 : fallback;
    }

    @Override
    public String toString() {
        return "LlmProperties[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model
                + ", apiKey=" + (hasApiKey() ? "***" : "(none)") + ", timeout=" + timeout
                + ", maxRetries=" + maxRetries + ", thinking=" + thinking + ", maxOutputTokens=" + maxOutputTokens
                + ", contextWindow=" + contextWindow + ", firstTokenTimeout=" + firstTokenTimeout
                + ", concurrency=" + concurrency + "]";
    }
}
