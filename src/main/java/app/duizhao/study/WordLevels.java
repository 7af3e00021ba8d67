package app.duizhao.study;

import app.duizhao.chinese.*;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives every Chinese word an HSK level, including words the 2012 list does not have as such (issue 16): a listed
 * word keeps its level; a word made of listed words ({@code 纪念活动} = {@code 纪念} + {@code 活动}) takes the highest of
 * their levels, split into as few listed words as possible (ties: the lower level); a single character that is not
 * listed alone takes the lowest level of a listed word with it ({@code 说} from {@code 说话}, level 1). Everything
 * else is beyond HSK. Words are looked up as given (simplified); thread-safe, results remembered.
 */
@Component
public class WordLevels {

    private final Map<String, Integer> listed;
    private final Map<Integer, Integer> characterLevels = new HashMap<>();
    private final Map<Integer, String> characterBasis = new HashMap<>();
    private final Map<String, WordLevel> remembered = new ConcurrentHashMap<>();

    public WordLevels(HskLevels hsk) {
        this.listed = hsk.all();
        listed.forEach((word, level) -> word.codePoints().forEach(cp -> {
            Integer known = characterLevels.get(cp);
            if (known == null || level < known || level.equals(known) && word.length() < characterBasis.get(cp).length()) {
                characterLevels.put(cp, level);
                characterBasis.put(cp, word);
            }
        }));
    }

    /** The level of a simplified word and the rule that gave it. */
    public WordLevel of(String word) {
        if (word == null || word.isEmpty()) {
            return WordLevel.BEYOND;
        }
        WordLevel known = remembered.get(word);
        if (known == null) {
            known = compute(word);
            if (remembered.size() < 200_000) {
                remembered.put(word, known);
            }
        }
        return known;
    }

    private WordLevel compute(String word) {
        Integer level = listed.get(word);
        if (level != null) {
            return new WordLevel(level, WordLevel.Rule.LISTED, word);
        }
        int[] cps = word.codePoints().toArray();
        if (cps.length == 1) {
            Integer characterLevel = characterLevels.get(cps[0]);
            return characterLevel == null ? WordLevel.BEYOND
                    : new WordLevel(characterLevel, WordLevel.Rule.CHARACTER, characterBasis.get(cps[0]));
        }
        return byParts(word);
    }

    /** Splits the word into the fewest listed words (then the lowest highest level), by dynamic programming. */
    private WordLevel byParts(String word) {
        int n = word.length();
        int[] parts = new int[n + 1];
        int[] highest = new int[n + 1];
        int[] from = new int[n + 1];
        java.util.Arrays.fill(parts, Integer.MAX_VALUE);
        parts[0] = 0;
        for (int end = 1; end <= n; end++) {
            for (int start = 0; start < end; start++) {
                if (parts[start] == Integer.MAX_VALUE || start == 0 && end == n) {
                    continue;
                }
                Integer level = listed.get(word.substring(start, end));
                if (level == null) {
                    continue;
                }
                int count = parts[start] + 1;
                int high = Math.max(highest[start], level);
                if (count < parts[end] || count == parts[end] && high < highest[end]) {
                    parts[end] = count;
                    highest[end] = high;
                    from[end] = start;
                }
            }
        }
        if (parts[n] == Integer.MAX_VALUE) {
            return WordLevel.BEYOND;
        }
        java.util.ArrayDeque<String> pieces = new java.util.ArrayDeque<>();
        for (int end = n; end > 0; end = from[end]) {
            pieces.addFirst(word.substring(from[end], end));
        }
        return new WordLevel(highest[n], WordLevel.Rule.PARTS, String.join(" + ", pieces));
    }
}
