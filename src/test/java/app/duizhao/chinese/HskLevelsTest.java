package app.duizhao.chinese;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class HskLevelsTest {

    private static final HskLevels HSK = new HskLevels();

    @Test
    void loadsAlmostFiveThousandDistinctWords() {
        assertThat(HSK.size()).isBetween(4_900, 5_003);
    }

    @Test
    void givesTheLevelOfListedWords() {
        assertThat(HSK.level("中国")).hasValue(1);
        assertThat(HSK.level("银行")).hasValue(3);
        assertThat(HSK.level("外交")).hasValue(5);
    }

    @Test
    void givesTheLowestLevelOfAWordListedTwice() {
        assertThat(HSK.level("长")).hasValue(2);
    }

    @Test
    void givesNoLevelForUnlistedWords() {
        assertThat(HSK.level("乒乓外交")).isEqualTo(OptionalInt.empty());
        assertThat(HSK.level(null)).isEmpty();
    }
}
