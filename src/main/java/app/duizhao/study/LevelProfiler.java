package app.duizhao.study;

import app.duizhao.translation.GlossaryService;
import app.duizhao.translation.GlossaryTerm;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Builds a reader's {@link LevelProfile} of a text's words: levels by {@link WordLevels}' rules, proper names by
 * {@link NameFinder} and the reader's glossary, numbers left out, and what the reader knows
 * ({@link VocabularyService#knowledge()}).
 */
@Component
class LevelProfiler {

    private final WordLevels levels;
    private final NameFinder names;
    private final GlossaryService glossary;
    private final VocabularyService vocabulary;

    LevelProfiler(WordLevels levels, NameFinder names, GlossaryService glossary, VocabularyService vocabulary) {
        this.levels = levels;
        this.names = names;
        this.glossary = glossary;
        this.vocabulary = vocabulary;
    }

    LevelProfile profile(List<List<String>> blocksOfWords, UnaryOperator<String> simplified) {
        Set<String> nameSet = new HashSet<>();
        for (List<String> words : blocksOfWords) {
            nameSet.addAll(names.names(String.join("", words)));
        }
        for (GlossaryTerm term : glossary.terms()) {
            nameSet.add(term.chinese());
        }
        Map<String, KnowledgeStatus> known = vocabulary.knowledge();
        Set<String> seen = new LinkedHashSet<>();
        int[] counts = new int[7];
        Map<WordLevel.Rule, Integer> rules = new EnumMap<>(WordLevel.Rule.class);
        List<String> unknownWords = new ArrayList<>();
        int nameCount = 0;
        for (List<String> words : blocksOfWords) {
            for (String w : words) {
                if (!StudyService.isChinese(w) || NameFinder.isNumber(w) || !seen.add(w)) {
                    continue;
                }
                if (nameSet.contains(w)) {
                    nameCount++;
                    continue;
                }
                String s = simplified.apply(w);
                WordLevel level = levels.of(s);
                counts[level.level()]++;
                rules.merge(level.rule(), 1, Integer::sum);
                KnowledgeStatus status = known.getOrDefault(w, known.getOrDefault(s, KnowledgeStatus.NEW));
                if (!status.countsAsKnown()) {
                    unknownWords.add(w);
                }
            }
        }
        return new LevelProfile(counts, seen.size(), unknownWords.size(), nameCount, Map.copyOf(rules),
                List.copyOf(unknownWords));
    }
}
