package app.duizhao.translation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cancel signal shared by a job and the engine it runs: cancelling runs the registered actions (which stop
 * in-flight HTTP streams) and makes {@link #isCancelled()} true.
 */
public final class Cancellation {

    private final List<Runnable> actions = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    public boolean isCancelled() {
        return cancelled;
    }

    /** Cancels; safe to call more than once and from any thread. */
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException ignored) {
                // Stopping a stream that already ended may throw; cancelling must not.
            }
        }
    }

    /** Runs {@code action} on cancel (at once if already cancelled); returns a handle that unregisters it. */
    public Runnable onCancel(Runnable action) {
        actions.add(action);
        if (cancelled) {
            action.run();
        }
        return () -> actions.remove(action);
    }
}
