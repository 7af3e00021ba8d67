package app.duizhao.translation;

import java.util.List;

/**
 * The article to summarise: its metadata and its blocks' text in order, whether a Chinese version of the summary
 * follows the English one, and the glossary terms found in the article (so names match the translation).
 */
public record SummaryRequest(ArticleContext context, List<String> paragraphs, boolean inChinese,
                             List<GlossaryEntry> glossary) {

    public SummaryRequest {
        paragraphs = List.copyOf(paragraphs);
        glossary = glossary == null ? List.of() : List.copyOf(glossary);
    }

    /** Without glossary terms. */
    public SummaryRequest(ArticleContext context, List<String> paragraphs, boolean inChinese) {
        this(context, paragraphs, inChinese, List.of());
    }

    /** An English-only summary. */
    public SummaryRequest(ArticleContext context, List<String> paragraphs) {
        this(context, paragraphs, false, List.of());
    }

    /** The same request with only these paragraphs (a long article's lede and what fits after it). */
    SummaryRequest withParagraphs(List<String> fitting) {
        return new SummaryRequest(context, fitting, inChinese, glossary);
    }
}
