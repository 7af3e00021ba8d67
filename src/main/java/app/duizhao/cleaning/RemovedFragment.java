package app.duizhao.cleaning;

/**
 * Something the cleaner removed from the body, kept so the reader can show (and restore) it.
 *
 * @param reason    a short, stable reason code such as {@code ad}, {@code paywall}, {@code script}, {@code related-links}
 * @param text      the removed text (or a description, for elements without text such as a tracking pixel)
 * @param nextBlock where it stood: the index of the first kept block that followed it in the document (the number of
 *                  kept blocks when it came after all of them), so a restored fragment goes back to its place;
 *                  {@code -1} when unknown
 */
public record RemovedFragment(String reason, String text, int nextBlock) {

    public RemovedFragment(String reason, String text) {
        this(reason, text, -1);
    }
}
