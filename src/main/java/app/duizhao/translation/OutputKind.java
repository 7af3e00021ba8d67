package app.duizhao.translation;

/** What produced a translation or summary, so the UI can say honestly what the user reads. */
public enum OutputKind {
    /** A translation or summary written by an LLM. */
    LLM,
    /** No LLM: a word-by-word CC-CEDICT gloss, and key sentences picked by TextRank. Not a translation. */
    OFFLINE
}
