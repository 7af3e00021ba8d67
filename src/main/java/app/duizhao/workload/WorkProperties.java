package app.duizhao.workload;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Bounds on long work (exports, imports, bulk jobs) so one person cannot take the server from everyone else.
 *
 * @param perUser   how many long tasks one person runs at once ({@code duizhao.work.per-user}, default 2)
 * @param total     how many run at once on this server ({@code duizhao.work.total}; 0, the default, means the
 *                  number of processors, at least 2)
 * @param queueWait how long a task waits for a free place before it is refused as busy
 *                  ({@code duizhao.work.queue-wait}, default 10 s)
 */
@ConfigurationProperties("duizhao.work")
public record WorkProperties(@DefaultValue("2") int perUser, @DefaultValue("0") int total,
                             @DefaultValue("PT10S") Duration queueWait) {

    public WorkProperties {
        perUser = Math.max(1, perUser);
        total = total > 0 ? total : Math.max(2, Runtime.getRuntime().availableProcessors());
        queueWait = queueWait == null || queueWait.isNegative() ? Duration.ZERO : queueWait;
    }
}
