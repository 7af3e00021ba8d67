package app.duizhao.study;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Statuses and levels on the seed post's paragraphs (issue 16), with the counts written out. */
@SpringBootTest
@ActiveProfiles("test")
class SeedPostLevelsTest {

    @Autowired
    StudyService study;

    @Autowired
    VocabularyService vocabulary;

    @Autowired
    ArticleWords articleWords;

    @Autowired
    SegmentationRules rules;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void clean() {
        StudyTables.clear(jdbc, vocabulary, rules);
    }

    private List<List<String>> seedWords() {
        return app.duizhao.chinese.ChineseFixtures.seedParagraphs().stream().map(study::words).toList();
    }

    @Test
    void aNewReaderKnowsNoneOfTheSeedPostsWordsButNamesAndNumbersAreNotWordsToLearn() {
        LevelProfile p = study.profile(seedWords());
        assertThat(p.words()).isEqualTo(179);
        assertThat(p.names()).isEqualTo(9);
        assertThat(p.counts()).containsExactly(28, 27, 11, 27, 25, 35, 17); // beyond, then HSK 1-6
        assertThat(p.words()).isEqualTo(p.names() + java.util.Arrays.stream(p.counts()).sum());
        assertThat(p.unknown()).isEqualTo(170);
        assertThat(p.byRule(WordLevel.Rule.LISTED)).isEqualTo(102);
        assertThat(p.byRule(WordLevel.Rule.PARTS)).isEqualTo(22);
        assertThat(p.byRule(WordLevel.Rule.CHARACTER)).isEqualTo(18);
        assertThat(p.byRule(WordLevel.Rule.BEYOND)).isEqualTo(28);
        assertThat(p.unknownWords()).contains("纪念活动", "美").doesNotContain("秦刚", "50");
        assertThat(study.wordLevel("纪念活动").rule()).isEqualTo(WordLevel.Rule.PARTS);
        assertThat(study.hskLevel("说")).isEqualTo(1);
    }

    @Test
    void knowingHskOneToThreeThenMarkingTheRestKnownLeavesNothingUnknown() {
        assertThat(articleWords.knowHsk(3)).isEqualTo(929); // the 600 words of HSK 1-3 and 329 characters taught with them
        LevelProfile afterHsk = study.profile(seedWords());
        assertThat(afterHsk.unknown()).isEqualTo(117);
        assertThat(afterHsk.unknownWords()).doesNotContain("中国", "说话").contains("纪念活动", "外交");
        assertThat(vocabulary.knowledgeOf("我")).isEqualTo(KnowledgeStatus.KNOWN);
        assertThat(vocabulary.statuses()).containsEntry("我", WordStatus.KNOWN);

        // A word being learned stays learning when the list or the rest of an article is marked known.
        vocabulary.add(new NewVocabularyWord("外交", "外交", "wài jiāo", "diplomacy", null, null, null));
        assertThat(vocabulary.knowledgeOf("外交")).isEqualTo(KnowledgeStatus.LEARNING_1);
        assertThat(articleWords.markKnown(List.of("外交", "纪念活动"), "manual")).isEqualTo(1);
        assertThat(study.profile(seedWords()).unknown()).isEqualTo(116);
        vocabulary.setKnowledge(List.of("外交"), KnowledgeStatus.IGNORED, "manual");
        assertThat(study.profile(seedWords()).unknown()).isEqualTo(115);
        assertThat(vocabulary.find("外交").orElseThrow().status()).isEqualTo(WordStatus.KNOWN);
    }
}
