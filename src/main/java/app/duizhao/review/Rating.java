package app.duizhao.review;

/** The four grades of a review, as in Anki and FSRS: 1 Again, 2 Hard, 3 Good, 4 Easy. */
public enum Rating {
    AGAIN, HARD, GOOD, EASY;

    /** 1-4, the value FSRS computes with. */
    public int value() {
        return ordinal() + 1;
    }

    /** The grade of value 1-4. */
    public static Rating of(int value) {
        if (value < 1 || value > 4) {
            throw new IllegalArgumentException("A grade is 1 (again), 2 (hard), 3 (good) or 4 (easy), not " + value + ".");
        }
        return values()[value - 1];
    }
}
