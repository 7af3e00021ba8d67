package app.duizhao.review;

import java.time.OffsetDateTime;

/**
 * The memory state of one card, as py-fsrs keeps it.
 *
 * @param state      learning, review or relearning
 * @param step       the learning or relearning step, {@code null} under review
 * @param stability  days until recall falls to 90 %, {@code null} before the first review
 * @param difficulty 1-10, {@code null} before the first review
 * @param due        when the card is to be shown next
 * @param lastReview when it was last graded, {@code null} if never
 */
public record FsrsCard(CardState state, Integer step, Double stability, Double difficulty, OffsetDateTime due,
                       OffsetDateTime lastReview) {

    /** A new card, due at {@code now}. */
    public static FsrsCard fresh(OffsetDateTime now) {
        return new FsrsCard(CardState.LEARNING, 0, null, null, now, null);
    }
}
