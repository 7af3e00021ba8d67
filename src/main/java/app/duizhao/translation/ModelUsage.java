package app.duizhao.translation;

/**
 * Tokens and estimated cost of the calls one model made (for an article).
 *
 * @param cost      US dollars at the configured prices ({@code duizhao.pricing.*})
 * @param estimated whether some of the counts are our estimate (the provider reported none)
 */
public record ModelUsage(String provider, String model, int calls, long promptTokens, long completionTokens,
                         double cost, boolean estimated) {
}
