package app.duizhao.translation;

/**
 * Follows a {@link TranslationJob}. Calls come from the job's worker thread; a view must hand them to its UI
 * thread itself.
 */
public interface TranslationListener {

    /** Block {@code position}'s English so far; {@code complete} once it is final (and stored). */
    default void blockUpdated(int position, String englishSoFar, boolean complete) {
    }

    /** Block {@code position} could not be translated; anything it had before stays. */
    default void blockFailed(int position, String message) {
    }

    /** The summary so far; {@code complete} once it is final (and stored). */
    default void summaryUpdated(String textSoFar, boolean complete) {
    }

    /** The job ended: done, cancelled or failed (see {@link TranslationJob#status()}). */
    default void finished(TranslationJob job) {
    }
}
