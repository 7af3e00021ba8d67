package app.duizhao.translation;

/** Receives a summary as it streams in. Implementations must be thread-safe. */
public interface SummarySink {

    /** The summary so far (the whole prefix, not a delta). */
    void partial(String textSoFar);

    /** The summary is done. */
    void completed(String text);

    /** One LLM call ended (successfully or not) and used these tokens. */
    default void usage(CallUsage usage) {
    }
}
