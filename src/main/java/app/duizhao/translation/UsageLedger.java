package app.duizhao.translation;

import app.duizhao.account.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Records the tokens of every LLM call, with the user it was made for, and adds them up by article, model and day
 * (for the whole server or one user).
 */
@Component
class UsageLedger {

    private final JdbcClient jdbc;
    private final PricingProperties pricing;
    private final CurrentUser currentUser;

    UsageLedger(JdbcClient jdbc, PricingProperties pricing, CurrentUser currentUser) {
        this.jdbc = jdbc;
        this.pricing = pricing;
        this.currentUser = currentUser;
    }

    @Transactional
    void record(Long articleId, EngineInfo engine, String purpose, CallUsage usage) {
        if (engine.kind() == OutputKind.OFFLINE) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                        insert into llm_usage (created_at, usage_day, article_id, provider, model, purpose,
                            prompt_tokens, completion_tokens, estimated, owner_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(now, now.toLocalDate(), articleId, engine.provider(), engine.model(), purpose,
                        usage.promptTokens(), usage.completionTokens(), usage.estimated(), caller())
                .update();
    }

    @Transactional(readOnly = true)
    List<ModelUsage> byArticle(long articleId) {
        return jdbc.sql("""
                        select provider, model, count(*), sum(prompt_tokens), sum(completion_tokens),
                            max(case when estimated then 1 else 0 end)
                        from llm_usage where article_id = ? group by provider, model order by provider, model""")
                .param(articleId)
                .query((rs, n) -> modelUsage(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4),
                        rs.getLong(5), rs.getInt(6) == 1))
                .list();
    }

    /** The user the call is made for; null when a call has none (the record is kept all the same). */
    private Long caller() {
        try {
            return currentUser.id();
        } catch (IllegalStateException nobody) {
            return null;
        }
    }

    /** The whole server's usage per day. */
    @Transactional(readOnly = true)
    List<DailyUsage> byDay(int days) {
        return byDay(days, null);
    }

    /** One user's usage per day ({@code ownerId} null: everyone's). */
    @Transactional(readOnly = true)
    List<DailyUsage> byDay(int days, Long ownerId) {
        LocalDate from = LocalDate.now(ZoneOffset.UTC).minusDays(Math.max(0, days - 1));
        // Two statements rather than "? is null": PostgreSQL cannot type a bare null parameter.
        var query = ownerId == null
                ? jdbc.sql("""
                        select usage_day, model, count(*), sum(prompt_tokens), sum(completion_tokens)
                        from llm_usage where usage_day >= ? group by usage_day, model order by usage_day desc""")
                .param(from)
                : jdbc.sql("""
                        select usage_day, model, count(*), sum(prompt_tokens), sum(completion_tokens)
                        from llm_usage where usage_day >= ? and owner_id = ?
                        group by usage_day, model order by usage_day desc""")
                .params(from, ownerId);
        List<Object[]> rows = query
                .query((rs, n) -> new Object[]{rs.getObject(1, LocalDate.class), rs.getString(2), rs.getInt(3),
                        rs.getLong(4), rs.getLong(5)})
                .list();
        java.util.Map<LocalDate, long[]> totals = new java.util.LinkedHashMap<>();
        java.util.Map<LocalDate, double[]> costs = new java.util.LinkedHashMap<>();
        for (Object[] r : rows) {
            LocalDate day = (LocalDate) r[0];
            long[] t = totals.computeIfAbsent(day, d -> new long[3]);
            t[0] += (Integer) r[2];
            t[1] += (Long) r[3];
            t[2] += (Long) r[4];
            costs.computeIfAbsent(day, d -> new double[1])[0] += pricing.priceOf((String) r[1]).cost((Long) r[3], (Long) r[4]);
        }
        return totals.entrySet().stream().map(e -> new DailyUsage(e.getKey(), (int) e.getValue()[0], e.getValue()[1],
                e.getValue()[2], costs.get(e.getKey())[0])).toList();
    }

    private ModelUsage modelUsage(String provider, String model, int calls, long prompt, long completion, boolean estimated) {
        return new ModelUsage(provider, model, calls, prompt, completion, pricing.priceOf(model).cost(prompt, completion),
                estimated);
    }
}
