package app.duizhao.translation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How translation requests are cut and run ({@code duizhao.translation.*}).
 *
 * @param concurrency      how many requests run at once (default 4)
 * @param batchTokens      the estimated source tokens one request carries at most (default 2500). Estimate, close to
 *                         cl100k/o200k tokenizers: one token per Chinese character, one per four other characters,
 *                         plus the segment tags (see {@link TokenEstimator})
 * @param summaryInChinese whether the summary also gets a Chinese version after the English one (default false)
 */
@ConfigurationProperties("duizhao.translation")
public record TranslationProperties(Integer concurrency, Integer batchTokens, Boolean summaryInChinese) {

    public static final int DEFAULT_CONCURRENCY = 4;
    public static final int DEFAULT_BATCH_TOKENS = 2500;

    public TranslationProperties {
        concurrency = concurrency == null || concurrency < 1 ? DEFAULT_CONCURRENCY : Math.min(concurrency, 32);
        batchTokens = batchTokens == null || batchTokens < 50 ? DEFAULT_BATCH_TOKENS : batchTokens;
        summaryInChinese = summaryInChinese != null && summaryInChinese;
    }

    /** The defaults. */
    public static TranslationProperties defaults() {
        return new TranslationProperties(null, null, null);
    }
}
