package app.duizhao.workload;

import app.duizhao.account.CurrentUser;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs long work (rendering an export, an import, a bulk job) with bounded concurrency: at most
 * {@code duizhao.work.per-user} tasks per person and {@code duizhao.work.total} on the server. A task beyond that
 * waits its turn for up to {@code duizhao.work.queue-wait}, then is refused with {@link ServerBusyException} ("busy,
 * try again in …"), so one person's ten PDF exports queue behind each other instead of taking every thread, every
 * database connection and the heap from everyone else. Callers load what they need from the database first and
 * release the connection: the work itself runs without one.
 */
@Service
public class LongWork {

    private final WorkProperties properties;
    private final CurrentUser currentUser;
    private final Semaphore total;
    private final Map<Long, Semaphore> perUser = new ConcurrentHashMap<>();
    // How long a task took lately (exponentially weighted), to tell a refused caller when to come back.
    private volatile long averageMillis = 1000;

    public LongWork(WorkProperties properties, CurrentUser currentUser) {
        this.properties = properties;
        this.currentUser = currentUser;
        this.total = new Semaphore(properties.total(), true);
    }

    /**
     * Runs {@code work} on the calling thread once a place is free for the current user and on the server.
     *
     * @param what what the work is, for the busy message ("export", "import")
     * @throws ServerBusyException when no place was free within {@code duizhao.work.queue-wait}
     */
    public <T> T run(String what, Supplier<T> work) {
        Semaphore mine = perUser.computeIfAbsent(currentUser.id(), id -> new Semaphore(properties.perUser(), true));
        long deadline = System.nanoTime() + properties.queueWait().toNanos();
        if (!acquire(mine, deadline)) {
            throw busy("You already have " + properties.perUser() + " long tasks running; this " + what
                    + " waits for one of them.");
        }
        try {
            if (!acquire(total, deadline)) {
                throw busy("The server is busy with other people's long tasks.");
            }
            long started = System.nanoTime();
            try {
                return work.get();
            } finally {
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                averageMillis = (averageMillis * 3 + took) / 4;
                total.release();
            }
        } finally {
            mine.release();
        }
    }

    /** Whether the current user could start long work now without waiting (for a UI that wants to say so early). */
    public boolean hasRoom() {
        Semaphore mine = perUser.get(currentUser.id());
        return (mine == null || mine.availablePermits() > 0) && total.availablePermits() > 0;
    }

    private static boolean acquire(Semaphore semaphore, long deadline) {
        try {
            return semaphore.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private ServerBusyException busy(String why) {
        Duration retry = Duration.ofMillis(Math.max(1000, averageMillis));
        ServerBusyException e = new ServerBusyException("Busy: " + why + " Try again in "
                + ((retry.toMillis() + 999) / 1000) + " s.", retry);
        return e;
    }
}
