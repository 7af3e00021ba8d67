package app.duizhao.study;

import java.util.List;
import java.util.Map;

/**
 * How many distinct words of an article are at each HSK level, for one reader. Proper names and numbers are not
 * words to learn: names are counted apart, numbers not at all, so {@code words = names + Σ counts}.
 *
 * @param counts       index 1-6: words at that level; index 0: words beyond HSK (names excluded)
 * @param words        distinct Chinese words, names included, numbers not
 * @param unknown      distinct words (not names) the reader does not know (known and ignored words count as known)
 * @param names        distinct proper names (people, places, organisations, glossary terms)
 * @param rules        how many words got their level by each rule ({@link WordLevel.Rule})
 * @param unknownWords the unknown words, in the order they first appear
 */
public record LevelProfile(int[] counts, int words, int unknown, int names, Map<WordLevel.Rule, Integer> rules,
                           List<String> unknownWords) {

    public LevelProfile(int[] counts, int words, int unknown) {
        this(counts, words, unknown, 0, Map.of(), List.of());
    }

    public int atLevel(int level) {
        return counts[level];
    }

    public int beyondHsk() {
        return counts[0];
    }

    /** How many words got their level by {@code rule}. */
    public int byRule(WordLevel.Rule rule) {
        return rules.getOrDefault(rule, 0);
    }

    /** The share of the words to learn (names excluded) that the reader does not know, 0-1 (0 for no words). */
    public double unknownShare() {
        int learnable = words - names;
        return learnable == 0 ? 0 : (double) unknown / learnable;
    }
}
