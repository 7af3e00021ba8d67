package app.duizhao.study;

/** Receives an LLM explanation as it streams in; called from a background thread. */
public interface ExplanationListener {

    /** The explanation so far (the whole prefix). */
    void partial(String textSoFar);

    void completed(String text);

    /** The explanation could not be written; {@code message} is for the user. */
    void failed(String message);
}
