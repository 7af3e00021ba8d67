package app.duizhao.chinese;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PinyinTest {

    @ParameterizedTest(name = "{0} becomes {1}")
    @CsvSource(delimiter = '|', value = {
            "ma1|mā", "ma2|má", "ma3|mǎ", "ma4|mà", "ma5|ma",
            "lu:4|lǜ", "lv4|lǜ", "lü4|lǜ", "nu:3|nǚ", "lu:e4|lüè", "lüe4|lüè", "nu:e4|nüè",
            "er2|ér", "xiong2|xióng", "gou3|gǒu", "liu2|liú", "gui4|guì", "hao3|hǎo", "zhuang4|zhuàng",
            "r5|r", "Zhong1 guo2|Zhōng guó", "Qin2 Gang1|Qín Gāng", "yin2 hang2|yín háng",
            "Lu:3|Lǚ", "Ou1 zhou1|Ōu zhōu", "E2 guo2|É guó"})
    void convertsSyllablesWithToneNumbersToToneMarks(String numbered, String marked) {
        assertThat(Pinyin.toToneMarks(numbered)).isEqualTo(marked);
    }

    @Test
    void keepsSyllablesWithoutToneNumbersAndLatinLettersAsWritten() {
        assertThat(Pinyin.toToneMarks("san1 C")).isEqualTo("sān C");
        assertThat(Pinyin.toToneMarks("AA zhi4")).isEqualTo("AA zhì");
        assertThat(Pinyin.toToneMarks("4S dian4")).isEqualTo("4S diàn");
        assertThat(Pinyin.toToneMarks("xx")).isEqualTo("xx");
    }

    @Test
    void keepsSeparatorsSuchAsCommasAndMiddleDots() {
        assertThat(Pinyin.toToneMarks("Ai4 yin1 si1 tan3 , A1 er3")).isEqualTo("Ài yīn sī tǎn , Ā ěr");
        assertThat(Pinyin.toToneMarks("Ma3 ke4 · Tu3 wen1")).isEqualTo("Mǎ kè · Tǔ wēn");
    }

    @Test
    void marksSyllabicNasals() {
        assertThat(Pinyin.toToneMarks("m2")).isEqualTo("ḿ");
        assertThat(Pinyin.toToneMarks("n2")).isEqualTo("ń");
        assertThat(Pinyin.toToneMarks("hm5")).isEqualTo("hm");
    }

    @Test
    void returnsEmptyTextForNullOrEmptyInput() {
        assertThat(Pinyin.toToneMarks(null)).isEmpty();
        assertThat(Pinyin.toToneMarks("")).isEmpty();
    }
}
