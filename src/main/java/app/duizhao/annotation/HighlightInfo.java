package app.duizhao.annotation;

import java.time.OffsetDateTime;

/**
 * A highlight as shown and exported: where it is anchored now, or that it is orphaned.
 *
 * @param id       the highlight's id (for a saved version: the id of the live highlight it was copied from, may be
 *                 {@code null})
 * @param start    where the quote is now, in the block's current text (the stored hint when orphaned)
 * @param orphaned whether the quote no longer occurs in the block: shown in the orphaned panel, never dropped
 * @param note     the note in Markdown, may be {@code null}
 */
public record HighlightInfo(Long id, int blockPosition, Side side, String exact, String prefix, String suffix,
                            int start, int end, HighlightColour colour, String note, boolean orphaned,
                            OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** The quote and context, as anchored. */
    public TextAnchor.Quote quote() {
        return new TextAnchor.Quote(exact, prefix, suffix, start, end);
    }
}
