package app.duizhao.study;

/** What the reader's popup sends when a word is added to the vocabulary (see {@link VocabularyEntry}). */
public record NewVocabularyWord(String simplified, String traditional, String pinyin, String definition,
                                String sentence, String sentenceEnglish, Long articleId) {
}
