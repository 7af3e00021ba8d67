package app.duizhao.translation;

import java.util.List;

/**
 * Segments to translate, with the article they come from, the direction, and the glossary terms found in them.
 */
public record TranslationRequest(ArticleContext context, List<Segment> segments, Direction direction,
                                 List<GlossaryEntry> glossary) {

    public TranslationRequest {
        segments = List.copyOf(segments);
        direction = direction == null ? Direction.ZH_TO_EN : direction;
        glossary = glossary == null ? List.of() : List.copyOf(glossary);
    }

    /** Chinese into English without glossary terms. */
    public TranslationRequest(ArticleContext context, List<Segment> segments) {
        this(context, segments, Direction.ZH_TO_EN, List.of());
    }
}
