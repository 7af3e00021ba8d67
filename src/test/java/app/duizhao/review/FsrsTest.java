package app.duizhao.review;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The port against py-fsrs 6's own reference tests (tests/test_basic.py, as in fsrs 6.x: test_review_card,
 * test_memo_state, test_repeated_correct_reviews, the learning-step tests): same grades, same intervals and states.
 */
class FsrsTest {

    private static final OffsetDateTime START = OffsetDateTime.of(2022, 11, 29, 12, 30, 0, 0, ZoneOffset.UTC);

    @Test
    void aCardGradedLikeTheReferenceTestGetsTheReferenceIntervalsInDays() {
        Fsrs fsrs = new Fsrs(false);
        Rating[] ratings = {Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.AGAIN,
                Rating.AGAIN, Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.GOOD};
        FsrsCard card = FsrsCard.fresh(START);
        OffsetDateTime at = START;
        List<Long> intervals = new ArrayList<>();
        for (Rating rating : ratings) {
            card = fsrs.review(card, rating, at);
            intervals.add(Fsrs.wholeDays(card.lastReview(), card.due()));
            at = card.due();
        }
        assertThat(intervals).containsExactly(0L, 2L, 11L, 46L, 163L, 498L, 0L, 0L, 2L, 4L, 7L, 12L, 21L);
    }

    @Test
    void theMemoryStateAfterTheReferenceHistoryIsTheReferenceStabilityAndDifficulty() {
        Fsrs fsrs = new Fsrs(true);
        Rating[] ratings = {Rating.AGAIN, Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.GOOD};
        int[] days = {0, 0, 1, 3, 8, 21};
        FsrsCard card = FsrsCard.fresh(START);
        OffsetDateTime at = START;
        for (int i = 0; i < ratings.length; i++) {
            at = at.plusDays(days[i]);
            card = fsrs.review(card, ratings[i], at);
        }
        assertThat(card.stability()).isCloseTo(53.62691, within(1e-4));
        assertThat(card.difficulty()).isCloseTo(6.3574867, within(1e-4));
    }

    @Test
    void tenEasyGradesInARowBringTheDifficultyDownToOne() {
        Fsrs fsrs = new Fsrs(false);
        FsrsCard card = FsrsCard.fresh(START);
        for (int i = 0; i < 10; i++) {
            card = fsrs.review(card, Rating.EASY, START.plusNanos(i * 1000L));
        }
        assertThat(card.difficulty()).isEqualTo(1.0);
    }

    @Test
    void theLearningStepsAreOneMinuteFiveAndAHalfMinutesAndTenMinutes() {
        Fsrs fsrs = new Fsrs(false);
        FsrsCard fresh = FsrsCard.fresh(START);
        assertThat(Duration.between(START, fsrs.review(fresh, Rating.AGAIN, START).due())).isEqualTo(Duration.ofMinutes(1));
        assertThat(Duration.between(START, fsrs.review(fresh, Rating.HARD, START).due())).isEqualTo(Duration.ofSeconds(330));
        FsrsCard good = fsrs.review(fresh, Rating.GOOD, START);
        assertThat(good.state()).isEqualTo(CardState.LEARNING);
        assertThat(good.step()).isEqualTo(1);
        assertThat(Duration.between(START, good.due())).isEqualTo(Duration.ofMinutes(10));
        FsrsCard easy = fsrs.review(fresh, Rating.EASY, START);
        assertThat(easy.state()).isEqualTo(CardState.REVIEW);
        assertThat(Duration.between(START, easy.due()).toDays()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aLapseUnderReviewGoesToRelearningForTenMinutes() {
        Fsrs fsrs = new Fsrs(false);
        FsrsCard card = FsrsCard.fresh(START);
        card = fsrs.review(card, Rating.GOOD, card.due());
        card = fsrs.review(card, Rating.GOOD, card.due());
        card = fsrs.review(card, Rating.GOOD, card.due());
        assertThat(card.state()).isEqualTo(CardState.REVIEW);
        OffsetDateTime due = card.due();
        card = fsrs.review(card, Rating.AGAIN, due);
        assertThat(card.state()).isEqualTo(CardState.RELEARNING);
        assertThat(card.step()).isZero();
        assertThat(Duration.between(due, card.due())).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void fuzzKeepsAnIntervalWithinItsRange() {
        Fsrs fsrs = new Fsrs(true);
        Fsrs exact = new Fsrs(false);
        FsrsCard card = FsrsCard.fresh(START);
        for (int i = 0; i < 4; i++) {
            card = exact.review(card, Rating.GOOD, card.due());
        }
        FsrsCard unfuzzed = exact.review(card, Rating.GOOD, card.due());
        long plain = Fsrs.wholeDays(unfuzzed.lastReview(), unfuzzed.due());
        for (int i = 0; i < 50; i++) {
            FsrsCard fuzzed = fsrs.review(card, Rating.GOOD, card.due());
            long days = Fsrs.wholeDays(fuzzed.lastReview(), fuzzed.due());
            assertThat(days).as("plain %d", plain).isBetween(Math.round(plain * 0.9) - 1, Math.round(plain * 1.1) + 1);
        }
    }
}
