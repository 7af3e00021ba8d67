package app.duizhao.translation;

import java.util.List;

/**
 * The article to summarise: its metadata and its blocks' text in order.
 */
public record SummaryRequest(ArticleContext context, List<String> paragraphs) {

    public SummaryRequest {
        paragraphs = List.copyOf(paragraphs);
    }
}
