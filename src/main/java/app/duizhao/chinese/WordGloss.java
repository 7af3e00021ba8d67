package app.duizhao.chinese;

/**
 * One piece of a word-by-word gloss.
 *
 * @param text       the word as written in the source
 * @param pinyin     its pinyin with tone marks, or {@code null} if it is not a dictionary word
 * @param definition a short English definition, or {@code null} if it is not a dictionary word
 * @param chinese    whether the text is Chinese (Han characters); {@code false} for punctuation, Latin, numbers,
 *                   spaces, which a gloss passes through as written
 */
public record WordGloss(String text, String pinyin, String definition, boolean chinese) {

    /** Whether the dictionary knows this word. */
    public boolean found() {
        return definition != null;
    }
}
