package app.duizhao.importing;

/**
 * The outcome of an import.
 *
 * @param articleId the stored article (the existing one when it was already in the library)
 * @param title     its title
 * @param duplicate whether the same article was already stored, so nothing new was written
 */
public record ImportResult(long articleId, String title, boolean duplicate) {
}
