package app.duizhao.translation;

import java.util.List;

/**
 * Segments to translate from Chinese into English, with the article they come from.
 */
public record TranslationRequest(ArticleContext context, List<Segment> segments) {

    public TranslationRequest {
        segments = List.copyOf(segments);
    }
}
