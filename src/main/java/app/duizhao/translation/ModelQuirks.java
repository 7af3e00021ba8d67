package app.duizhao.translation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one model on one server was found to accept, remembered for the life of the process so that a parameter it
 * rejected once is not sent again: OpenAI's reasoning models (o-series, gpt-5) answer 400 {@code unsupported_value}
 * to any {@code temperature} but 1 and 400 {@code unsupported_parameter} to {@code max_tokens} (they want
 * {@code max_completion_tokens}); some OpenAI-compatible servers know only {@code max_tokens}; Ollama answers 400
 * "does not support thinking" to {@code think} for a model that does not think.
 */
final class ModelQuirks {

    /** How a request names its output limit. */
    enum OutputLimit { MAX_TOKENS, MAX_COMPLETION_TOKENS, NONE }

    private static final Map<String, ModelQuirks> KNOWN = new ConcurrentHashMap<>();

    volatile boolean temperatureRejected;
    volatile OutputLimit outputLimit = OutputLimit.MAX_TOKENS;
    volatile boolean reasoningEffortRejected;
    volatile boolean thinkRejected;
    /** Ollama's capabilities list "thinking" for the model; {@code null} until asked. */
    volatile Boolean capableOfThinking;
    /** The model sent reasoning (apart or inline) at least once. */
    volatile boolean seenReasoning;

    private ModelQuirks() {
    }

    /** The quirks of a model on a server (one shared instance per provider, address and model). */
    static ModelQuirks of(String provider, String baseUrl, String model) {
        return KNOWN.computeIfAbsent(provider + "|" + baseUrl + "|" + model, key -> new ModelQuirks());
    }

    /** What is known, in words (for logs and the model check). */
    String describe() {
        return "temperature " + (temperatureRejected ? "rejected" : "accepted") + ", output limit as "
                + switch (outputLimit) {
                    case MAX_TOKENS -> "max_tokens";
                    case MAX_COMPLETION_TOKENS -> "max_completion_tokens";
                    case NONE -> "(none accepted)";
                } + (seenReasoning ? ", thinks" : "");
    }
}
