package app.duizhao.translation;

import java.time.LocalDate;

/** Tokens and estimated cost of all LLM calls on one day (UTC). */
public record DailyUsage(LocalDate day, int calls, long promptTokens, long completionTokens, double cost) {
}
