package app.duizhao.chinese;

import org.junit.jupiter.api.Test;

import java.util.List;

import static app.duizhao.chinese.ChineseFixtures.GLOSSER;
import static app.duizhao.chinese.ChineseFixtures.SEGMENTER;
import static org.assertj.core.api.Assertions.assertThat;

class ChineseGlosserTest {

    @Test
    void glossesAWordWithTonedPinyinAndItsFirstDefinition() {
        WordGloss gloss = GLOSSER.glossWord("大使");
        assertThat(gloss).isEqualTo(new WordGloss("大使", "dà shǐ", "ambassador", true));
    }

    @Test
    void picksTheReadingHanlpGivesAWordWithSeveralReadings() {
        assertThat(GLOSSER.glossWord("行").pinyin()).isEqualTo("xíng");
        assertThat(GLOSSER.glossWord("银行").definition()).isEqualTo("bank");
    }

    @Test
    void skipsSurnameAndVariantDefinitionsWhenABetterOneExists() {
        assertThat(GLOSSER.glossWord("秦").definition()).startsWith("Qin dynasty");
        assertThat(GLOSSER.glossWord("美").definition()).isEqualTo("beautiful");
    }

    @Test
    void givesTheSameGlossFromTheCacheTheSecondTime() {
        assertThat(GLOSSER.glossWord("外交")).isSameAs(GLOSSER.glossWord("外交"));
        assertThat(GLOSSER.glossWord("外交").definition()).isEqualTo("diplomacy");
    }

    @Test
    void splitsUnknownWordsIntoDictionarySubWordsThenCharacters() {
        List<WordGloss> glosses = GLOSSER.gloss(List.of("驻美大使馆"));
        assertThat(glosses).extracting(WordGloss::text).containsExactly("驻", "美", "大使馆");
        assertThat(glosses.getLast().definition()).isEqualTo("embassy");
    }

    @Test
    void passesPunctuationAndLatinThroughWithoutAGloss() {
        List<WordGloss> glosses = GLOSSER.gloss(SEGMENTER.segment("iPhone，50"));
        assertThat(glosses).extracting(WordGloss::text).containsExactly("iPhone", "，", "50");
        assertThat(glosses).noneMatch(WordGloss::found).noneMatch(WordGloss::chinese);
    }

    @Test
    void glossesAPersonNameTheDictionaryLacksAsAName() {
        List<WordGloss> glosses = GLOSSER.glossTokens(SEGMENTER.tokenize("中国驻美大使秦刚表示"));
        assertThat(glosses).contains(new WordGloss("秦刚", "Qín Gāng", ChineseGlosser.NAME, true));
    }

    @Test
    void doesNotTakeWordsEndingInAFunctionWordForNames() {
        List<WordGloss> glosses = GLOSSER.glossTokens(SEGMENTER.tokenize("这不符合两国和两国人民的根本利益"));
        assertThat(glosses).noneMatch(g -> ChineseGlosser.NAME.equals(g.definition()));
    }

    @Test
    void glossesTraditionalTextByWords() {
        List<WordGloss> glosses = GLOSSER.glossTokens(SEGMENTER.tokenize("臺灣的銀行行長說"));
        assertThat(glosses).extracting(WordGloss::text).containsExactly("臺灣", "的", "銀行", "行長", "說");
        assertThat(glosses.get(2).pinyin()).isEqualTo("yín háng");
    }

    @Test
    void keepsShortDefinitionsShortAndDropsCrossReferencePinyin() {
        assertThat(ChineseGlosser.shorten("(bound form) to walk; to go")).isEqualTo("to walk");
        assertThat(ChineseGlosser.shorten("(third-person singular) (since 1900, usu. male) he; him")).isEqualTo("he");
        assertThat(ChineseGlosser.shorten("(verb complement indicating completion)"))
                .isEqualTo("(verb complement indicating completion)");
        assertThat(ChineseGlosser.shorten("used in 道行[dao4 heng2]")).isEqualTo("used in 道行");
        assertThat(ChineseGlosser.shorten("USA (abbr. for 美國|美国[Mei3 guo2])")).isEqualTo("USA (abbr. for 美国)");
        String longOne = ChineseGlosser.shorten("to express in words or writing and also many more words than fit");
        assertThat(longOne).hasSizeLessThanOrEqualTo(ChineseGlosser.MAX_DEFINITION_LENGTH + 1).endsWith("…");
    }
}
