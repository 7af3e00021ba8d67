package app.duizhao.cleaning;

/**
 * Something the cleaner removed from the body, kept so the reader can show (and restore) it.
 *
 * @param reason a short, stable reason code such as {@code ad}, {@code paywall}, {@code script}, {@code related-links}
 * @param text   the removed text (or a description, for elements without text such as a tracking pixel)
 */
public record RemovedFragment(String reason, String text) {
}
