package app.duizhao.cleaning;

/**
 * One block of an article's own content, in reading order.
 *
 * @param kind     what the block is
 * @param text     its text, whitespace-normalised; for an image, its alt text (may be empty)
 * @param imageUrl for {@link BlockKind#IMAGE}, the image address; otherwise {@code null}
 */
public record CleanBlock(BlockKind kind, String text, String imageUrl) {

    public CleanBlock {
        text = text == null ? "" : text;
    }

    public static CleanBlock of(BlockKind kind, String text) {
        return new CleanBlock(kind, text, null);
    }
}
