package app.duizhao.study;

import java.time.OffsetDateTime;

/**
 * A word of the user's vocabulary.
 *
 * @param simplified      the word in simplified characters (the key: one entry per word)
 * @param traditional     its traditional form, may equal {@code simplified}
 * @param pinyin          pinyin with tone marks
 * @param definition      the definition the user chose
 * @param sentence        the sentence the word came from, may be {@code null}
 * @param sentenceEnglish that sentence's English (or its paragraph's when the sentences could not be matched), may
 *                        be {@code null}
 * @param articleId       the article it came from, may be {@code null}
 */
public record VocabularyEntry(long id, String simplified, String traditional, String pinyin, String definition,
                              String sentence, String sentenceEnglish, Long articleId, WordStatus status,
                              OffsetDateTime addedAt, OffsetDateTime updatedAt) {

    /** The word with its traditional form when it differs: {@code 关系 (關係)}. */
    public String headword() {
        return traditional == null || traditional.equals(simplified) ? simplified : simplified + " (" + traditional + ")";
    }
}
