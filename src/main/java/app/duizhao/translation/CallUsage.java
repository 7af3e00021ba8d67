package app.duizhao.translation;

/**
 * The tokens one LLM call used.
 *
 * @param promptTokens     tokens sent
 * @param completionTokens tokens received
 * @param estimated        whether the numbers are our estimate (the provider reported none)
 */
public record CallUsage(int promptTokens, int completionTokens, boolean estimated) {
}
