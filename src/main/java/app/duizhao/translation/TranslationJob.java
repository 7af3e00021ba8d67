package app.duizhao.translation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One translation (and summary) run over an article, in the background. Listeners see every block as it streams;
 * a listener added late can read what is already known from {@link #partials()} and {@link #summarySoFar()}.
 */
public final class TranslationJob {

    /** Where a job is. */
    public enum Status { RUNNING, DONE, CANCELLED, FAILED }

    private final long articleId;
    private final EngineInfo engine;
    private final Cancellation cancellation = new Cancellation();
    private final List<TranslationListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<Integer, String> partials = new ConcurrentHashMap<>();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failedBlocks = new AtomicInteger();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Instant startedAt = Instant.now();
    private volatile int total;
    private volatile Status status = Status.RUNNING;
    private volatile String message;
    private volatile String detail;
    private volatile boolean partial;
    private final Map<Integer, String> failures = new ConcurrentHashMap<>();
    private volatile String summarySoFar;
    private volatile boolean summarizing;
    private final Map<Integer, List<GlossaryEntry>> glossaryMisses = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong promptTokens = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong completionTokens = new java.util.concurrent.atomic.AtomicLong();
    private final AtomicInteger calls = new AtomicInteger();

    TranslationJob(long articleId, EngineInfo engine) {
        this.articleId = articleId;
        this.engine = engine;
    }

    public long articleId() { return articleId; }
    public EngineInfo engine() { return engine; }
    public Status status() { return status; }
    public boolean isRunning() { return status == Status.RUNNING; }
    /** Blocks finished so far in this run. */
    public int done() { return done.get(); }
    /** Blocks this run translates. */
    public int total() { return total; }
    /** Blocks that failed in this run. */
    public int failedBlocks() { return failedBlocks.get(); }
    /** Whether the job has reached the summary. */
    public boolean isSummarizing() { return summarizing; }
    /** Why the job failed or what it finished with; {@code null} while running. Fit to show the user. */
    public String message() { return message; }
    /** {@link #message()} with infrastructure details (the server's address), for admins. */
    public String detail() { return detail == null ? message : detail; }
    /** Whether the job ended with some blocks failed on their own (refused, not a translation) and the rest done. */
    public boolean isPartial() { return partial; }
    /** Why each failed block failed, by position. */
    Map<Integer, String> failures() { return Map.copyOf(failures); }
    public Instant startedAt() { return startedAt; }
    /** Text of blocks still streaming, by position. */
    public Map<Integer, String> partials() { return Map.copyOf(partials); }
    public String summarySoFar() { return summarySoFar; }
    /** Glossary terms whose rendering a block's translation lacks, by position. */
    public Map<Integer, List<GlossaryEntry>> glossaryMisses() { return Map.copyOf(glossaryMisses); }
    /** LLM calls this run made. */
    public int calls() { return calls.get(); }
    /** Prompt tokens this run used. */
    public long promptTokens() { return promptTokens.get(); }
    /** Completion tokens this run used. */
    public long completionTokens() { return completionTokens.get(); }

    /** Follows this job; returns an action that stops following. */
    public Runnable addListener(TranslationListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Stops the job: in-flight requests are cancelled and what was already translated stays. */
    public void cancel() {
        cancellation.cancel();
    }

    /** Waits until the job has ended; returns whether it did within the time. */
    public boolean await(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    Cancellation cancellation() { return cancellation; }

    void setTotal(int total) { this.total = total; }

    void blockPartial(int position, String text) {
        partials.put(position, text);
        listeners.forEach(listener -> listener.blockUpdated(position, text, false));
    }

    void blockCompleted(int position, String text) {
        partials.remove(position);
        done.incrementAndGet();
        listeners.forEach(listener -> listener.blockUpdated(position, text, true));
    }

    void blockFailed(int position, String error) {
        partials.remove(position);
        done.incrementAndGet();
        failedBlocks.incrementAndGet();
        failures.put(position, error);
        listeners.forEach(listener -> listener.blockFailed(position, error));
    }

    void summaryStarted() { summarizing = true; }

    void glossaryMissed(int position, List<GlossaryEntry> terms) { glossaryMisses.put(position, List.copyOf(terms)); }

    void addUsage(CallUsage usage) {
        calls.incrementAndGet();
        promptTokens.addAndGet(usage.promptTokens());
        completionTokens.addAndGet(usage.completionTokens());
    }

    void summaryPartial(String text) {
        summarySoFar = text;
        listeners.forEach(listener -> listener.summaryUpdated(text, false));
    }

    void summaryCompleted(String text) {
        summarySoFar = text;
        listeners.forEach(listener -> listener.summaryUpdated(text, true));
    }

    void finish(Status status, String message) {
        finish(status, message, message);
    }

    /** Ends a job whose failed blocks failed on their own, the others translated: the article is partial. */
    void finishPartial(String message) {
        partial = true;
        finish(Status.FAILED, message, message);
    }

    void finish(Status status, String message, String detail) {
        this.message = message;
        this.detail = detail;
        this.status = status;
        partials.clear();
        // Listeners first (one records the end for other instances): whoever awaits the job then sees it everywhere.
        try {
            listeners.forEach(listener -> listener.finished(this));
        } finally {
            finished.countDown();
        }
    }
}
