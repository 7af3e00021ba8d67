package app.duizhao.translation;

/**
 * Where an article's translation stands, for the REST API.
 *
 * @param status  {@code running}, {@code done} (every block has its translation), {@code failed} (the last run failed
 *                or was cancelled, or blocks have errors), {@code partial} (some blocks translated, no run going) or
 *                {@code none} (nothing translated yet)
 * @param done    blocks translated (for a running job: those it finished plus those it did not need to do)
 * @param total   translatable blocks of the article
 * @param message why the last run failed, or {@code null}
 */
public record TranslationStatus(String status, int done, int total, String message) {
}
