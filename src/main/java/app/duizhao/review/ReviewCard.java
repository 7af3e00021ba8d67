package app.duizhao.review;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One card of the review, as shown: the word in its sentence from the article, then its pinyin, definitions and the
 * sentence's English; or a highlight with its note.
 *
 * @param id           the card's id (what a grade names)
 * @param kind         {@code word} or {@code highlight}
 * @param word         the word (or the highlighted text)
 * @param pinyin       the word's pinyin with tone marks, may be empty
 * @param definitions  the definition chosen in the vocabulary first, then the dictionary's others (at most 6)
 * @param sentence     the sentence of the article the word came from, may be empty
 * @param english      that sentence's English (or the highlight's note), may be empty
 * @param articleId    the article, or {@code null}
 * @param articleTitle its title, or {@code null}
 * @param paragraph    the position of the paragraph the sentence is in, or -1 when unknown
 * @param state        FSRS state
 * @param due          when it is due
 */
public record ReviewCard(long id, String kind, String word, String pinyin, List<String> definitions, String sentence,
                         String english, Long articleId, String articleTitle, int paragraph, CardState state,
                         OffsetDateTime due) {

    /** The reader's address of the card's paragraph ({@code /articles/7#block-3}), or {@code null}. */
    public String link() {
        if (articleId == null) {
            return null;
        }
        return "/articles/" + articleId + (paragraph >= 0 ? "#block-" + paragraph : "");
    }
}
