package app.duizhao.study;

/**
 * How many distinct words of an article are at each HSK level.
 *
 * @param counts  index 1-6: words at that level; index 0: words beyond HSK
 * @param words   distinct Chinese words
 * @param unknown distinct Chinese words the user has not marked known
 */
public record LevelProfile(int[] counts, int words, int unknown) {

    public int atLevel(int level) {
        return counts[level];
    }

    public int beyondHsk() {
        return counts[0];
    }
}
