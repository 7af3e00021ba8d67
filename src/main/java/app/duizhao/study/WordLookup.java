package app.duizhao.study;

import app.duizhao.chinese.DictionaryEntry;
import java.util.List;
import java.util.Optional;

/**
 * What the dictionary popup shows for a word: every CC-CEDICT entry (simplified and traditional forms, pinyin with
 * tone marks, all definitions), the entries of its single characters, its HSK level and its place in the user's
 * vocabulary.
 *
 * @param word        the word as written in the text
 * @param pinyin      the reading that fits the word (tone marks), empty if unknown
 * @param definition  the definition offered first for the vocabulary
 * @param entries     the word's entries, the reading that fits first; empty when CC-CEDICT lacks the word
 * @param characters  for a word of several characters, each character with its entries
 * @param hskLevel    1-6, or {@link StudyService#BEYOND_HSK}
 * @param vocabulary  the user's entry for the word, if any
 */
public record WordLookup(String word, String simplified, String traditional, String pinyin, String definition,
                         List<DictionaryEntry> entries, List<CharacterEntries> characters, int hskLevel,
                         Optional<VocabularyEntry> vocabulary) {

    /** One character of a word with its dictionary entries. */
    public record CharacterEntries(String character, List<DictionaryEntry> entries) {
    }

    public boolean inDictionary() {
        return !entries.isEmpty();
    }
}
