package app.duizhao.translation;

/**
 * What the prompts may say about the article besides its text.
 *
 * @param title  the title
 * @param source the outlet, may be {@code null}
 * @param date   the publication date as {@code yyyy-MM-dd}, may be {@code null}
 */
public record ArticleContext(String title, String source, String date) {
}
