package app.duizhao.review;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The FSRS-6 scheduler (Free Spaced Repetition Scheduler, the one Anki uses), a faithful port of py-fsrs 6's
 * {@code Scheduler.review_card}: default parameters, learning steps 1 and 10 minutes, relearning step 10 minutes,
 * desired retention 0.9, at most 36,500 days, optional fuzz. No maintained Java implementation resolves from Maven
 * Central here ({@code io.github.open-spaced-repetition:fsrs} is listed but its artifacts are absent), so
 * {@code FsrsTest} checks this port against py-fsrs's own reference intervals and memory states. Immutable and
 * thread-safe.
 */
public final class Fsrs {

    /** FSRS-6's default parameters w0-w20 (py-fsrs {@code DEFAULT_PARAMETERS}). */
    public static final double[] DEFAULT_PARAMETERS = {
            0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614,
            0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};

    private static final double STABILITY_MIN = 0.001;
    private static final double MIN_DIFFICULTY = 1.0;
    private static final double MAX_DIFFICULTY = 10.0;
    /** Fuzz ranges: from, to (days) and the share of the interval within them that may vary. */
    private static final double[][] FUZZ_RANGES = {{2.5, 7.0, 0.15}, {7.0, 20.0, 0.1}, {20.0, Double.POSITIVE_INFINITY, 0.05}};

    private final double[] w;
    private final double desiredRetention;
    private final List<Duration> learningSteps;
    private final List<Duration> relearningSteps;
    private final int maximumInterval;
    private final boolean fuzz;
    private final RandomGenerator random;
    private final double decay;
    private final double factor;

    /** The defaults of py-fsrs, with or without fuzz. */
    public Fsrs(boolean fuzz) {
        this(DEFAULT_PARAMETERS, 0.9, List.of(Duration.ofMinutes(1), Duration.ofMinutes(10)),
                List.of(Duration.ofMinutes(10)), 36_500, fuzz, RandomGenerator.getDefault());
    }

    public Fsrs(double[] parameters, double desiredRetention, List<Duration> learningSteps,
                List<Duration> relearningSteps, int maximumInterval, boolean fuzz, RandomGenerator random) {
        if (parameters.length != 21) {
            throw new IllegalArgumentException("Expected 21 parameters, got " + parameters.length + ".");
        }
        this.w = parameters.clone();
        this.desiredRetention = desiredRetention;
        this.learningSteps = List.copyOf(learningSteps);
        this.relearningSteps = List.copyOf(relearningSteps);
        this.maximumInterval = maximumInterval;
        this.fuzz = fuzz;
        this.random = random;
        this.decay = -w[20];
        this.factor = Math.pow(0.9, 1 / decay) - 1;
    }

    /** The probability of recalling the card at {@code now}: 0 for a card never reviewed. */
    public double retrievability(FsrsCard card, OffsetDateTime now) {
        if (card.lastReview() == null) {
            return 0;
        }
        long elapsedDays = Math.max(0, wholeDays(card.lastReview(), now));
        return Math.pow(1 + factor * elapsedDays / card.stability(), decay);
    }

    /** The card after a review graded {@code rating} at {@code now} (UTC). */
    public FsrsCard review(FsrsCard card, Rating rating, OffsetDateTime now) {
        now = now.withOffsetSameInstant(ZoneOffset.UTC);
        Long daysSinceLastReview = card.lastReview() == null ? null : wholeDays(card.lastReview(), now);
        CardState state = card.state();
        Integer step = card.step();
        Double stability = card.stability();
        Double difficulty = card.difficulty();
        Duration next;
        boolean sameDay = daysSinceLastReview != null && daysSinceLastReview < 1;
        switch (state) {
            case LEARNING, RELEARNING -> {
                if (stability == null || difficulty == null) {
                    stability = initialStability(rating);
                    difficulty = clampDifficulty(initialDifficulty(rating));
                } else if (sameDay) {
                    stability = shortTermStability(stability, rating);
                    difficulty = nextDifficulty(difficulty, rating);
                } else {
                    double r = retrievability(card, now);
                    stability = nextStability(difficulty, stability, r, rating);
                    difficulty = nextDifficulty(difficulty, rating);
                }
                List<Duration> steps = state == CardState.LEARNING ? learningSteps : relearningSteps;
                int at = step == null ? 0 : step;
                if (steps.isEmpty() || (at >= steps.size() && rating != Rating.AGAIN)) {
                    state = CardState.REVIEW;
                    step = null;
                    next = Duration.ofDays(nextInterval(stability));
                } else {
                    switch (rating) {
                        case AGAIN -> {
                            step = 0;
                            next = steps.getFirst();
                        }
                        case HARD -> {
                            step = at;
                            if (at == 0 && steps.size() == 1) {
                                next = Duration.ofNanos((long) (steps.getFirst().toNanos() * 1.5));
                            } else if (at == 0) {
                                next = steps.get(0).plus(steps.get(1)).dividedBy(2);
                            } else {
                                next = steps.get(at);
                            }
                        }
                        case GOOD -> {
                            if (at + 1 == steps.size()) {
                                state = CardState.REVIEW;
                                step = null;
                                next = Duration.ofDays(nextInterval(stability));
                            } else {
                                step = at + 1;
                                next = steps.get(step);
                            }
                        }
                        default -> { // EASY
                            state = CardState.REVIEW;
                            step = null;
                            next = Duration.ofDays(nextInterval(stability));
                        }
                    }
                }
            }
            default -> { // REVIEW
                if (sameDay) {
                    stability = shortTermStability(stability, rating);
                } else {
                    stability = nextStability(difficulty, stability, retrievability(card, now), rating);
                }
                difficulty = nextDifficulty(difficulty, rating);
                if (rating == Rating.AGAIN && !relearningSteps.isEmpty()) {
                    state = CardState.RELEARNING;
                    step = 0;
                    next = relearningSteps.getFirst();
                } else {
                    next = Duration.ofDays(nextInterval(stability));
                }
            }
        }
        if (fuzz && state == CardState.REVIEW) {
            next = fuzzed(next);
        }
        return new FsrsCard(state, step, stability, difficulty, now.plus(next), now);
    }

    /** Whole days from {@code from} to {@code to}, like Python's {@code timedelta.days} (floored). */
    static long wholeDays(OffsetDateTime from, OffsetDateTime to) {
        return Math.floorDiv(Duration.between(from, to).toNanos(), Duration.ofDays(1).toNanos());
    }

    private double clampDifficulty(double d) {
        return Math.min(Math.max(d, MIN_DIFFICULTY), MAX_DIFFICULTY);
    }

    private static double clampStability(double s) {
        return Math.max(s, STABILITY_MIN);
    }

    private double initialStability(Rating rating) {
        return clampStability(w[rating.value() - 1]);
    }

    private double initialDifficulty(Rating rating) {
        return w[4] - Math.exp(w[5] * (rating.value() - 1)) + 1;
    }

    /** Days until recall falls to the desired retention, rounded half to even like Python, 1 to the maximum. */
    int nextInterval(double stability) {
        double interval = stability / factor * (Math.pow(desiredRetention, 1 / decay) - 1);
        long days = (long) Math.rint(interval);
        return (int) Math.min(Math.max(days, 1), maximumInterval);
    }

    private double shortTermStability(double stability, Rating rating) {
        double increase = Math.exp(w[17] * (rating.value() - 3 + w[18])) * Math.pow(stability, -w[19]);
        if (rating == Rating.GOOD || rating == Rating.EASY) {
            increase = Math.max(increase, 1.0);
        }
        return clampStability(stability * increase);
    }

    private double nextDifficulty(double difficulty, Rating rating) {
        double easyInitial = initialDifficulty(Rating.EASY);
        double delta = -(w[6] * (rating.value() - 3));
        double damped = difficulty + (10.0 - difficulty) * delta / 9.0;
        return clampDifficulty(w[7] * easyInitial + (1 - w[7]) * damped);
    }

    private double nextStability(double difficulty, double stability, double retrievability, Rating rating) {
        double next = rating == Rating.AGAIN
                ? nextForgetStability(difficulty, stability, retrievability)
                : nextRecallStability(difficulty, stability, retrievability, rating);
        return clampStability(next);
    }

    private double nextForgetStability(double difficulty, double stability, double retrievability) {
        double longTerm = w[11] * Math.pow(difficulty, -w[12]) * (Math.pow(stability + 1, w[13]) - 1)
                * Math.exp((1 - retrievability) * w[14]);
        double shortTerm = stability / Math.exp(w[17] * w[18]);
        return Math.min(longTerm, shortTerm);
    }

    private double nextRecallStability(double difficulty, double stability, double retrievability, Rating rating) {
        double hardPenalty = rating == Rating.HARD ? w[15] : 1;
        double easyBonus = rating == Rating.EASY ? w[16] : 1;
        return stability * (1 + Math.exp(w[8]) * (11 - difficulty) * Math.pow(stability, -w[9])
                * (Math.exp((1 - retrievability) * w[10]) - 1) * hardPenalty * easyBonus);
    }

    private Duration fuzzed(Duration interval) {
        long days = interval.toDays();
        if (days < 2.5) {
            return interval;
        }
        double delta = 1.0;
        for (double[] range : FUZZ_RANGES) {
            delta += range[2] * Math.max(Math.min(days, range[1]) - range[0], 0.0);
        }
        long min = (long) Math.rint(days - delta);
        long max = (long) Math.rint(days + delta);
        min = Math.max(2, min);
        max = Math.min(max, maximumInterval);
        min = Math.min(min, max);
        long fuzzedDays = Math.min((long) Math.rint(random.nextDouble() * (max - min + 1) + min), maximumInterval);
        return Duration.ofDays(fuzzedDays);
    }
}
