package app.duizhao.translation;

/**
 * A glossary term.
 *
 * @param source   the outlet it applies to, or {@code null} for every article
 * @param proposed whether the LLM proposed it and the user has not accepted it yet
 */
public record GlossaryTerm(long id, String chinese, String english, String note, String source, boolean proposed) {

    GlossaryEntry entry() {
        return new GlossaryEntry(chinese, english, note);
    }
}
