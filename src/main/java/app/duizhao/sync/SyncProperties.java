package app.duizhao.sync;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How instances on one database follow each other's changes ({@code duizhao.sync.*}).
 *
 * @param interval  how often each instance reads the changes the others wrote (default 1 s; {@code 0} stops reading,
 *                  for a server that is surely alone; changes are still written for others)
 * @param retention how long changes are kept (default 24 h); an instance that was down for longer rebuilds its
 *                  search index at startup instead of catching up
 */
@ConfigurationProperties("duizhao.sync")
public record SyncProperties(Duration interval, Duration retention) {

    public SyncProperties {
        interval = interval == null || interval.isNegative() ? Duration.ofSeconds(1) : interval;
        retention = retention == null || retention.isNegative() || retention.isZero() ? Duration.ofHours(24)
                : retention;
    }
}
