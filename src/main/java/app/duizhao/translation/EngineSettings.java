package app.duizhao.translation;

import java.time.Duration;

/**
 * The engine settings a user can change at runtime (everything but the API key, which only comes from the
 * environment).
 *
 * @param provider         {@code offline}, {@code openai} or {@code ollama}
 * @param baseUrl          the server address, blank for the provider's default
 * @param model            the model name, blank for the provider's default
 * @param timeout          the time limit for one call
 * @param maxRetries       retries of a failed call
 * @param concurrency      requests at once
 * @param batchTokens      estimated source tokens per request
 * @param summaryInChinese whether the summary also gets a Chinese version
 */
public record EngineSettings(String provider, String baseUrl, String model, Duration timeout, int maxRetries,
                             int concurrency, int batchTokens, boolean summaryInChinese) {

    public EngineSettings {
        provider = ChatModels.checkProvider(provider == null || provider.isBlank() ? "offline"
                : provider.strip().toLowerCase(java.util.Locale.ROOT));
        baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
        model = model == null || model.isBlank() ? null : model.strip();
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("The time limit must be positive.");
        }
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("Retries must be between 0 and 10.");
        }
        if (concurrency < 1 || concurrency > 32) {
            throw new IllegalArgumentException("Concurrency must be between 1 and 32.");
        }
        if (batchTokens < 50 || batchTokens > 100_000) {
            throw new IllegalArgumentException("Tokens per request must be between 50 and 100000.");
        }
    }

    static EngineSettings of(LlmProperties llm, TranslationProperties translation) {
        return new EngineSettings(llm.provider(), llm.baseUrl(), llm.model(), llm.timeout(), llm.maxRetries(),
                translation.concurrency(), translation.batchTokens(), translation.summaryInChinese());
    }

    /**
     * The LLM settings: these over {@code base} (application.properties: the API key from the environment, thinking,
     * output limit, context window, first-token wait and per-provider concurrency).
     */
    LlmProperties llm(LlmProperties base) {
        return base.with(provider, baseUrl, model, timeout, maxRetries);
    }

    TranslationProperties translation() {
        return new TranslationProperties(concurrency, batchTokens, summaryInChinese);
    }

    /** The same settings with another provider and model (for a one-off run with another model). */
    public EngineSettings withModel(String provider, String model) {
        boolean sameProvider = provider == null || provider.isBlank() || provider.equalsIgnoreCase(this.provider);
        return new EngineSettings(sameProvider ? this.provider : provider, sameProvider ? baseUrl : null,
                model == null || model.isBlank() ? (sameProvider ? this.model : null) : model,
                timeout, maxRetries, concurrency, batchTokens, summaryInChinese);
    }
}
