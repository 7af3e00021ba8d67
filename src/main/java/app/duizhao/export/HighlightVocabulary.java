package app.duizhao.export;

import app.duizhao.annotation.AnnotatedArticle;
import app.duizhao.annotation.HighlightInfo;
import app.duizhao.annotation.Side;
import app.duizhao.chinese.DictionaryEntry;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fallback vocabulary: every highlighted Chinese word (a highlight of at most {@value #MAX_WORD} characters on
 * the Chinese side), with its pinyin and first definitions from the dictionary, the sentence it occurs in and the
 * English of its paragraph. A highlight's note, when there is one, is used as the definition.
 */
final class HighlightVocabulary implements VocabularySource {

    static final int MAX_WORD = 8;

    private final Function<String, List<DictionaryEntry>> dictionary;

    HighlightVocabulary(Function<String, List<DictionaryEntry>> dictionary) {
        this.dictionary = dictionary;
    }

    @Override
    public List<VocabularyRow> vocabulary(AnnotatedArticle article) {
        List<VocabularyRow> rows = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        var blocks = article.snapshot().blocks().stream()
                .collect(Collectors.toMap(SnapshotBlock::position, Function.identity()));
        for (HighlightInfo h : article.highlights()) {
            String word = h.exact().strip();
            if (h.side() != Side.ZH || h.orphaned() || word.isEmpty() || word.length() > MAX_WORD
                    || !seen.add(word)) {
                continue;
            }
            SnapshotBlock block = blocks.get(h.blockPosition());
            List<DictionaryEntry> entries = dictionary.apply(word);
            String pinyin = entries.isEmpty() ? "" : entries.getFirst().pinyin();
            String definition = h.note() != null ? h.note()
                    : entries.isEmpty() ? "" : String.join("; ", entries.getFirst().definitions().stream()
                    .limit(3).toList());
            rows.add(new VocabularyRow(word, pinyin, definition,
                    block == null ? "" : sentence(block.text(), h.start(), h.end()),
                    block == null || block.english() == null ? "" : block.english()));
        }
        return rows;
    }

    /** The sentence of {@code text} around {@code [start, end)}, ending at 。！？!? or the end of the text. */
    static String sentence(String text, int start, int end) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String stops = "。！？!?；;\n";
        int from = Math.max(0, Math.min(start, text.length()));
        while (from > 0 && stops.indexOf(text.charAt(from - 1)) < 0) {
            from--;
        }
        int to = Math.max(from, Math.min(end, text.length()));
        while (to < text.length() && stops.indexOf(text.charAt(to)) < 0) {
            to++;
        }
        if (to < text.length()) {
            to++;
        }
        return text.substring(from, to).strip();
    }
}
