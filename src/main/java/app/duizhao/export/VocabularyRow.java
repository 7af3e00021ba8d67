package app.duizhao.export;

/**
 * One word of an article's vocabulary, as exported to Markdown and Anki.
 *
 * @param sentence    the Chinese sentence it occurs in, may be empty
 * @param translation the English of that sentence (or of its paragraph), may be empty
 */
public record VocabularyRow(String word, String pinyin, String definition, String sentence, String translation) {

    public VocabularyRow {
        word = word == null ? "" : word;
        pinyin = pinyin == null ? "" : pinyin;
        definition = definition == null ? "" : definition;
        sentence = sentence == null ? "" : sentence;
        translation = translation == null ? "" : translation;
    }
}
