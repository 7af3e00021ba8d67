package app.duizhao.study;

import app.duizhao.chinese.HskLevels;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WordLevelsTest {

    private static final WordLevels LEVELS = new WordLevels(new HskLevels());

    @Test
    void aListedWordKeepsItsLevel() {
        assertThat(LEVELS.of("银行")).isEqualTo(new WordLevel(3, WordLevel.Rule.LISTED, "银行"));
    }

    @Test
    void aCharacterTheListHasOnlyInsideAWordTakesTheLowestLevelOfSuchAWord() {
        WordLevel shuo = LEVELS.of("说");
        assertThat(shuo.level()).isEqualTo(1);
        assertThat(shuo.rule()).isEqualTo(WordLevel.Rule.CHARACTER);
        assertThat(shuo.basis()).isEqualTo("说话");
        assertThat(LEVELS.of("美")).isEqualTo(new WordLevel(4, WordLevel.Rule.CHARACTER, "美丽")); // the list has no 美国
    }

    @Test
    void aCompoundOfListedWordsTakesTheHighestLevelOfItsParts() {
        WordLevel level = LEVELS.of("纪念活动");
        assertThat(level.rule()).isEqualTo(WordLevel.Rule.PARTS);
        assertThat(level.basis()).isEqualTo("纪念 + 活动");
        assertThat(level.level()).isEqualTo(Math.max(new HskLevels().level("纪念").getAsInt(),
                new HskLevels().level("活动").getAsInt()));
    }

    @Test
    void aWordWhosePartsAreNotAllListedIsBeyondHsk() {
        assertThat(LEVELS.of("乒乓外交").rule()).isEqualTo(WordLevel.Rule.BEYOND);
        assertThat(LEVELS.of("乒乓外交").level()).isEqualTo(StudyService.BEYOND_HSK);
        assertThat(LEVELS.of("鑫").rule()).isEqualTo(WordLevel.Rule.BEYOND);
    }

    @Test
    void numbersAreNumbers() {
        assertThat(NameFinder.isNumber("五十")).isTrue();
        assertThat(NameFinder.isNumber("2021")).isTrue();
        assertThat(NameFinder.isNumber("两千")).isTrue();
        assertThat(NameFinder.isNumber("周年")).isFalse();
    }
}
