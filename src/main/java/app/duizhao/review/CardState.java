package app.duizhao.review;

/** Where a card stands in FSRS: being learned (short steps), under review (days), or relearned after a lapse. */
public enum CardState {
    LEARNING, REVIEW, RELEARNING
}
