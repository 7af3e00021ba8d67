package app.duizhao.study;

import java.util.Locale;

/**
 * What a person knows of a word, as LingQ and LUTE have it: new (never marked), learning 1-4 (LingQ's "1 new" to
 * "4 learned", LUTE's statuses 1-4), known, or ignored (a word not worth learning, counted like a known one).
 */
public enum KnowledgeStatus {
    NEW, LEARNING_1, LEARNING_2, LEARNING_3, LEARNING_4, KNOWN, IGNORED;

    /** Whether the word counts as known in a profile (known or ignored). */
    public boolean countsAsKnown() {
        return this == KNOWN || this == IGNORED;
    }

    /** The reader's two-way status for marking words. */
    public WordStatus wordStatus() {
        return countsAsKnown() ? WordStatus.KNOWN : WordStatus.LEARNING;
    }

    /** "learning 2", "known"… */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The status of a label or name ({@code known}, {@code learning_2}, {@code LEARNING 2}, {@code 3} for learning 3). */
    public static KnowledgeStatus parse(String text) {
        String s = text.strip().toUpperCase(Locale.ROOT).replace(' ', '_');
        if (s.matches("[1-4]")) {
            return valueOf("LEARNING_" + s);
        }
        if (s.equals("5")) {
            return KNOWN;
        }
        return valueOf(s);
    }
}
