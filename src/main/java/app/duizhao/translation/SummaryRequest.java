package app.duizhao.translation;

import java.util.List;

/**
 * The article to summarise: its metadata and its blocks' text in order, and whether a Chinese version of the
 * summary follows the English one.
 */
public record SummaryRequest(ArticleContext context, List<String> paragraphs, boolean inChinese) {

    public SummaryRequest {
        paragraphs = List.copyOf(paragraphs);
    }

    /** An English-only summary. */
    public SummaryRequest(ArticleContext context, List<String> paragraphs) {
        this(context, paragraphs, false);
    }
}
