package app.duizhao.translation;

/** Receives translated text as it streams in. Implementations must be thread-safe. */
public interface TranslationSink {

    /** The text of segment {@code id} so far (the whole prefix, not a delta). */
    void partial(int id, String textSoFar);

    /** Segment {@code id} is done. */
    void completed(int id, String text);

    /** Segment {@code id} could not be translated; {@code message} is fit to show the user. */
    void failed(int id, String message);

    /** One LLM call ended (successfully or not) and used these tokens. */
    default void usage(CallUsage usage) {
    }
}
