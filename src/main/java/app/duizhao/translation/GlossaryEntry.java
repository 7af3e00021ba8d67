package app.duizhao.translation;

/**
 * A glossary term as the prompts see it.
 *
 * @param chinese the Chinese term as the user wrote it
 * @param english the English rendering to use
 * @param note    a hint for the translator, may be {@code null}
 */
public record GlossaryEntry(String chinese, String english, String note) {
}
