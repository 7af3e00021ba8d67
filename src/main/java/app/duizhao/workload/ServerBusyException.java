package app.duizhao.workload;

import java.time.Duration;

/**
 * Long work refused because the person already runs as much as they may, or the server does: say so, and when to
 * try again (the API answers 429 with {@code Retry-After}).
 */
public class ServerBusyException extends RuntimeException {

    private final Duration retryAfter;

    public ServerBusyException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** When trying again is likely to succeed. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@link #retryAfter()} in whole seconds, at least 1, for the {@code Retry-After} header. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
