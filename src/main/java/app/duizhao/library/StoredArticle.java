package app.duizhao.library;

/**
 * An article as an import stored it (or found it already stored).
 *
 * @param duplicate whether the same article was already stored, and nothing new was
 */
public record StoredArticle(long articleId, String title, boolean duplicate) {
}
