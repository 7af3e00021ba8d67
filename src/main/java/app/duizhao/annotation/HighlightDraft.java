package app.duizhao.annotation;

import java.time.OffsetDateTime;

/**
 * A highlight's note (and colour) that lost an edit conflict, kept as a draft until the user uses or discards it,
 * so closing the browser loses nothing.
 *
 * @param highlightId the id of the highlight it was written for (the key to discard it by)
 * @param side        the side of the highlight's quote
 * @param exact       the highlight's quote when the conflict happened
 * @param colour      the colour the user chose
 * @param note        the user's note, may be {@code null} (the user cleared it)
 * @param current     the highlight it is for as stored now (found by id, else by quote on the same block and
 *                    side), or {@code null} when it was removed meanwhile
 */
public record HighlightDraft(long articleId, int blockPosition, long highlightId, Side side, String exact,
                             HighlightColour colour, String note, OffsetDateTime savedAt, HighlightInfo current) {
}
