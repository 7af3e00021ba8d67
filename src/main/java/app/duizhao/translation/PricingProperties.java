package app.duizhao.translation;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prices per million tokens by model name ({@code duizhao.pricing.<model>.prompt-per-million} and
 * {@code duizhao.pricing.<model>.completion-per-million}, in US dollars). A model name with dots or colons is written
 * in brackets: {@code duizhao.pricing[qwen2.5:7b].prompt-per-million=0}. Unknown models cost 0; a few well-known
 * models have built-in prices that the settings override.
 */
@ConfigurationProperties("duizhao")
public record PricingProperties(Map<String, ModelPrice> pricing) {

    /** Prices of one model, US dollars per million tokens. */
    public record ModelPrice(Double promptPerMillion, Double completionPerMillion) {
        public ModelPrice {
            promptPerMillion = promptPerMillion == null ? 0 : promptPerMillion;
            completionPerMillion = completionPerMillion == null ? 0 : completionPerMillion;
        }

        /** The cost of a call in US dollars. */
        public double cost(long promptTokens, long completionTokens) {
            return (promptTokens * promptPerMillion + completionTokens * completionPerMillion) / 1_000_000.0;
        }
    }

    /** Built-in list prices (mid 2025), overridden by the settings. */
    static final Map<String, ModelPrice> DEFAULTS = Map.of(
            "gpt-4o-mini", new ModelPrice(0.15, 0.60),
            "gpt-4o", new ModelPrice(2.50, 10.00),
            "gpt-4.1-mini", new ModelPrice(0.40, 1.60),
            "gpt-4.1", new ModelPrice(2.00, 8.00),
            "deepseek-chat", new ModelPrice(0.27, 1.10),
            "qwen-plus", new ModelPrice(0.40, 1.20));

    public PricingProperties {
        Map<String, ModelPrice> all = new HashMap<>(DEFAULTS);
        if (pricing != null) {
            pricing.forEach((model, price) -> all.put(model.toLowerCase(Locale.ROOT), price));
        }
        pricing = Map.copyOf(all);
    }

    /** The price of a model; zero for unknown models (local models cost nothing per token). */
    public ModelPrice priceOf(String model) {
        return model == null ? new ModelPrice(0.0, 0.0)
                : pricing.getOrDefault(model.toLowerCase(Locale.ROOT), new ModelPrice(0.0, 0.0));
    }
}
