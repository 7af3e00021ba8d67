package app.duizhao.translation;

import java.util.List;

/**
 * Progress of a translation over a selection of the library.
 *
 * @param status   {@code running} or {@code done}
 * @param done     articles finished (whatever their outcome)
 * @param total    articles in the selection
 * @param articles each article's status, in the order given
 */
public record BatchStatus(String batchId, String status, int done, int total, List<ArticleStatus> articles) {

    /** One article of a batch. */
    public record ArticleStatus(long id, String status, int done, int total, String message) {
    }
}
