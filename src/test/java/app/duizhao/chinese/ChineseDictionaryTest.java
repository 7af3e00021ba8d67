package app.duizhao.chinese;

import org.junit.jupiter.api.Test;

import java.util.List;

import static app.duizhao.chinese.ChineseFixtures.DICTIONARY;
import static org.assertj.core.api.Assertions.assertThat;

class ChineseDictionaryTest {

    @Test
    void loadsMoreThan120000EntriesQuickly() {
        long start = System.nanoTime();
        DICTIONARY.awaitLoaded();
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        long loadStart = System.nanoTime();
        try {
            ChineseDictionary.load();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        System.out.printf("CC-CEDICT: %d entries; waited %d ms for background load; a second load took %d ms%n",
                DICTIONARY.size(), waitedMs, (System.nanoTime() - loadStart) / 1_000_000);
        assertThat(DICTIONARY.size()).isGreaterThan(120_000);
    }

    @Test
    void findsChinaWithTonedPinyin() {
        List<DictionaryEntry> entries = DICTIONARY.lookup("中国");
        assertThat(entries).isNotEmpty();
        assertThat(entries.getFirst().pinyin()).isEqualTo("Zhōng guó");
        assertThat(entries.getFirst().pinyinNumbered()).isEqualTo("Zhong1 guo2");
        assertThat(entries.getFirst().definitions()).anyMatch(d -> d.contains("China"));
    }

    @Test
    void findsTheSameEntryByItsTraditionalForm() {
        assertThat(DICTIONARY.lookup("中國")).isEqualTo(DICTIONARY.lookup("中国"));
        assertThat(DICTIONARY.lookup("中國").getFirst().traditional()).isEqualTo("中國");
        assertThat(DICTIONARY.lookup("中國").getFirst().simplified()).isEqualTo("中国");
    }

    @Test
    void listsSeveralReadingsOfXing() {
        assertThat(DICTIONARY.lookup("行")).extracting(DictionaryEntry::pinyin).contains("xíng", "háng");
    }

    @Test
    void readsBankAsYinHang() {
        assertThat(DICTIONARY.lookup("银行").getFirst().pinyin()).isEqualTo("yín háng");
        assertThat(DICTIONARY.lookup("银行").getFirst().definitions()).contains("bank");
    }

    @Test
    void putsProperNounEntriesAfterCommonOnes() {
        List<DictionaryEntry> entries = DICTIONARY.lookup("美"); // the file lists Mei3 (the Americas) first
        assertThat(entries).hasSizeGreaterThan(1);
        assertThat(entries.getFirst().properNoun()).isFalse();
        assertThat(entries.getFirst().definitions()).contains("beautiful");
        assertThat(entries.getLast().properNoun()).isTrue();
    }

    @Test
    void answersContainsAndEmptyLookupsForUnknownWords() {
        assertThat(DICTIONARY.contains("大使")).isTrue();
        assertThat(DICTIONARY.contains("驻美大使秦刚")).isFalse();
        assertThat(DICTIONARY.lookup("驻美大使秦刚")).isEmpty();
        assertThat(DICTIONARY.lookup("")).isEmpty();
        assertThat(DICTIONARY.lookup(null)).isEmpty();
    }

    @Test
    void findsTheLongestWordStartingAtAPosition() {
        String text = "中国驻美大使馆";
        assertThat(DICTIONARY.longestMatchAt(text, 0)).isEqualTo(2); // 中国
        assertThat(DICTIONARY.longestMatchAt(text, 4)).isEqualTo(3); // 大使馆
        assertThat(DICTIONARY.longestMatchAt(text, 2)).isEqualTo(1); // 驻
        assertThat(DICTIONARY.longestMatchAt("，", 0)).isZero();
        assertThat(DICTIONARY.longestMatchAt(text, 99)).isZero();
    }

    @Test
    void keepsTheLicenceHeaderForCredits() {
        assertThat(DICTIONARY.licenceHeader()).contains("CC-CEDICT", "Creative Commons", "MDBG");
    }

    @Test
    void parsesAStandardLine() {
        DictionaryEntry entry = ChineseDictionary.parse("銀行 银行 [yin2 hang2] /bank/CL:家[jia1],個|个[ge4]/");
        assertThat(entry).isEqualTo(new DictionaryEntry("銀行", "银行", "yin2 hang2",
                List.of("bank", "CL:家[jia1],個|个[ge4]")));
        assertThat(ChineseDictionary.parse("garbage")).isNull();
    }
}
