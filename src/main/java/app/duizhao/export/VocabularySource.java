package app.duizhao.export;

import app.duizhao.annotation.AnnotatedArticle;

import java.util.List;

/**
 * Where the exports get an article's vocabulary from. When the application defines a bean of this type (the study
 * tools' vocabulary list), the exports use it; otherwise they fall back to {@link HighlightVocabulary}: the short
 * Chinese highlights, looked up in CC-CEDICT.
 */
public interface VocabularySource {

    /** The vocabulary of an article (current state or saved version), in reading order. */
    List<VocabularyRow> vocabulary(AnnotatedArticle article);
}
