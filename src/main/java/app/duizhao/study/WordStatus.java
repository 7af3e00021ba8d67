package app.duizhao.study;

/** Where a word of the user's vocabulary stands. */
public enum WordStatus {
    /** Being learned: stands out in the text when new words are marked. */
    LEARNING,
    /** Known: shown unmarked. */
    KNOWN
}
