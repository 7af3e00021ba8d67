package app.duizhao.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One bulk import running in the background: its progress, a per-file report, and cancellation. Listeners are
 * called on the importing thread; a listener added late reads what is known from {@link #results()}.
 */
public final class BulkImportJob {

    /** Where a job is. */
    public enum Status { RUNNING, DONE, CANCELLED, FAILED }

    /** What happened to one file. */
    public enum Outcome { IMPORTED, DUPLICATE, SKIPPED }

    /**
     * The report line of one file.
     *
     * @param file      the file's name (its path inside the archive or below the folder)
     * @param outcome   imported, already in the library, or skipped
     * @param reason    why it was skipped, or which article it duplicates; {@code null} when imported
     * @param articleId the stored (or existing) article, or {@code null} when skipped
     */
    public record EntryResult(String file, Outcome outcome, String reason, Long articleId) {
    }

    private final String source;
    private final List<EntryResult> results = new CopyOnWriteArrayList<>();
    private final List<Consumer<BulkImportJob>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger imported = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile int total = -1;
    private volatile Status status = Status.RUNNING;
    private volatile String message;
    private volatile boolean cancelRequested;

    BulkImportJob(String source) {
        this.source = source;
    }

    /** What is being imported (archive name, folder, "3 files"). */
    public String source() { return source; }
    public Status status() { return status; }
    /** A closing message for a failed job (the archive could not be read at all), else {@code null}. */
    public String message() { return message; }
    /** How many files there are in all, or -1 while that is not known yet. */
    public int total() { return total; }
    /** How many files are done (imported, duplicate or skipped). */
    public int done() { return results.size(); }
    public int imported() { return imported.get(); }
    public int duplicates() { return duplicates.get(); }
    public int skipped() { return skipped.get(); }
    public boolean isFinished() { return status != Status.RUNNING; }

    /** The report so far, in processing order. */
    public List<EntryResult> results() {
        return new ArrayList<>(results);
    }

    /** Progress from 0 to 1, or -1 when the total is not known yet. */
    public double progress() {
        int t = total;
        return t < 0 ? -1 : t == 0 ? 1 : Math.min(1, (double) done() / t);
    }

    /** Stops after the file being imported now; what was imported stays. */
    public void cancel() {
        cancelRequested = true;
    }

    public boolean isCancelRequested() {
        return cancelRequested;
    }

    /** Calls {@code listener} after every file and when the job ends; returns a handle that removes it. */
    public Runnable addListener(Consumer<BulkImportJob> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Waits for the job to end; true if it did within the time. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    void setTotal(int total) {
        this.total = total;
        fire();
    }

    void record(EntryResult result) {
        results.add(result);
        switch (result.outcome()) {
            case IMPORTED -> imported.incrementAndGet();
            case DUPLICATE -> duplicates.incrementAndGet();
            case SKIPPED -> skipped.incrementAndGet();
        }
        fire();
    }

    void finish(Status status, String message) {
        this.message = message;
        this.status = status;
        finished.countDown();
        fire();
    }

    private void fire() {
        for (Consumer<BulkImportJob> listener : listeners) {
            try {
                listener.accept(this);
            } catch (RuntimeException ignored) {
                // A listener's UI may be gone; the import goes on.
            }
        }
    }
}
