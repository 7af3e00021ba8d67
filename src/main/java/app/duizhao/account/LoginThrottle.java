package app.duizhao.account;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per account and per address. After {@link #FREE_ACCOUNT_FAILURES} failures on one account
 * (or {@link #FREE_ADDRESS_FAILURES} from one address, which may try many accounts) each further attempt has to wait,
 * twice as long after every failure, up to {@link #LONGEST_WAIT}; a success clears the account's count, and counts
 * are forgotten {@link #FORGET_AFTER} after the last failure. Kept in memory: a restart forgives, which is fine for
 * slowing guessing down to a few tries a minute.
 */
@Component
class LoginThrottle {

    static final int FREE_ACCOUNT_FAILURES = 5;
    static final int FREE_ADDRESS_FAILURES = 30;
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);

    private record Failures(int count, long lastNanos) {
    }

    private final Map<String, Failures> accounts = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();

    /** How long this attempt has to wait; zero when it may go ahead. */
    Duration waitBefore(String username, String address) {
        Duration account = wait(accounts.get(key(username)), FREE_ACCOUNT_FAILURES);
        Duration byAddress = wait(address == null ? null : addresses.get(address), FREE_ADDRESS_FAILURES);
        return account.compareTo(byAddress) >= 0 ? account : byAddress;
    }

    void failed(String username, String address) {
        long now = System.nanoTime();
        accounts.merge(key(username), new Failures(1, now), (old, one) -> new Failures(fresh(old).count() + 1, now));
        if (address != null) {
            addresses.merge(address, new Failures(1, now), (old, one) -> new Failures(fresh(old).count() + 1, now));
        }
        if (accounts.size() + addresses.size() > 100_000) {
            accounts.values().removeIf(f -> fresh(f).count() == 0);
            addresses.values().removeIf(f -> fresh(f).count() == 0);
        }
    }

    void succeeded(String username) {
        accounts.remove(key(username));
    }

    private static Duration wait(Failures failures, int free) {
        if (failures == null || fresh(failures).count() < free) {
            return Duration.ZERO;
        }
        int over = failures.count() - free;
        Duration wait = Duration.ofSeconds(1L << Math.min(over, 10));
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            wait = LONGEST_WAIT;
        }
        Duration since = Duration.ofNanos(System.nanoTime() - failures.lastNanos());
        return since.compareTo(wait) >= 0 ? Duration.ZERO : wait.minus(since);
    }

    private static Failures fresh(Failures failures) {
        return Duration.ofNanos(System.nanoTime() - failures.lastNanos()).compareTo(FORGET_AFTER) > 0
                ? new Failures(0, failures.lastNanos()) : failures;
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
