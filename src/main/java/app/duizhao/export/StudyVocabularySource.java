package app.duizhao.export;

import app.duizhao.annotation.AnnotatedArticle;
import app.duizhao.chinese.ChineseDictionary;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.study.VocabularyEntry;
import app.duizhao.study.VocabularyService;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exports' vocabulary from the user's vocabulary list: the words saved from this article, then any other saved
 * word the article contains, in the order they first occur; with none, the article's short Chinese highlights.
 */
@Component
class StudyVocabularySource implements VocabularySource {

    private final VocabularyService vocabulary;
    private final HighlightVocabulary highlights;

    StudyVocabularySource(VocabularyService vocabulary, ChineseDictionary dictionary) {
        this.vocabulary = vocabulary;
        this.highlights = new HighlightVocabulary(dictionary::lookup);
    }

    @Override
    public List<VocabularyRow> vocabulary(AnnotatedArticle article) {
        ArticleSnapshot snapshot = article.snapshot();
        StringBuilder text = new StringBuilder();
        snapshot.blocks().forEach(block -> text.append(block.text()).append('\n'));
        String chinese = text.toString();
        Map<String, VocabularyEntry> found = new LinkedHashMap<>();
        List<VocabularyEntry> others = new ArrayList<>();
        for (VocabularyEntry entry : vocabulary.list(null, null)) {
            boolean fromHere = entry.articleId() != null && entry.articleId() == snapshot.articleId();
            boolean occurs = chinese.contains(entry.simplified())
                    || (entry.traditional() != null && chinese.contains(entry.traditional()));
            if (fromHere) {
                found.putIfAbsent(entry.simplified(), entry);
            } else if (occurs) {
                others.add(entry);
            }
        }
        others.sort((a, b) -> Integer.compare(firstIndex(chinese, a), firstIndex(chinese, b)));
        others.forEach(entry -> found.putIfAbsent(entry.simplified(), entry));
        if (found.isEmpty()) {
            // No saved word in this article: its short Chinese highlights are the words the reader marked.
            return highlights.vocabulary(article);
        }
        return found.values().stream()
                .map(entry -> new VocabularyRow(entry.headword(), entry.pinyin(), entry.definition(), entry.sentence(),
                        entry.sentenceEnglish()))
                .toList();
    }

    private static int firstIndex(String text, VocabularyEntry entry) {
        int index = text.indexOf(entry.simplified());
        return index < 0 ? Integer.MAX_VALUE : index;
    }
}
