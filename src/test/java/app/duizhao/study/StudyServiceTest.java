package app.duizhao.study;

import app.duizhao.chinese.DictionaryEntry;
import app.duizhao.chinese.Syllable;
import app.duizhao.study.ui.ChineseHtml;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
@ActiveProfiles("test")
class StudyServiceTest {

    @Autowired
    StudyService study;

    @Autowired
    VocabularyService vocabulary;

    @Autowired
    SegmentationRules rules;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void clean() {
        StudyTables.clear(jdbc, vocabulary, rules);
    }

    private static String pinyin(List<Syllable> syllables) {
        return String.join(" ", syllables.stream().map(Syllable::text).toList());
    }

    @Test
    void readingsFollowTheWordNotTheCharacter() {
        assertThat(pinyin(study.pinyin("银行"))).isEqualTo("yín háng");
        assertThat(pinyin(study.pinyin("行走"))).isEqualTo("xíng zǒu");
        assertThat(pinyin(study.pinyin("长城"))).isEqualToIgnoringCase("cháng chéng");
        assertThat(pinyin(study.pinyin("长大"))).isEqualTo("zhǎng dà");
        assertThat(pinyin(study.pinyin("了解"))).isEqualTo("liǎo jiě");
        assertThat(study.pinyin("了解")).extracting(Syllable::tone).containsExactly(3, 3);
        assertThat(study.pinyin("ABC")).isEmpty();
    }

    @Test
    void crossReferencesInDefinitionsReadWithToneMarks() {
        assertThat(StudyService.readable("CL:名[ming2],位[wei4]")).isEqualTo("CL:名[míng],位[wèi]");
        assertThat(StudyService.readable("older (as in 大姐[da4 jie3])")).isEqualTo("older (as in 大姐[dà jiě])");
        assertThat(StudyService.readable("see [this]")).isEqualTo("see [this]");
    }

    @Test
    void wordsCarryTheirHskLevelAndWordsOffTheListAreBeyondHsk() {
        assertThat(study.hskLevel("我")).isEqualTo(1);
        assertThat(study.hskLevel("關係")).isEqualTo(study.hskLevel("关系")).isBetween(1, 6);
        assertThat(study.hskLevel("乒乓外交")).isEqualTo(StudyService.BEYOND_HSK);
    }

    @Test
    void lookupGivesEveryEntryWithToneMarksAndTheSingleCharacters() {
        WordLookup lookup = study.lookup("银行");
        assertThat(lookup.entries()).isNotEmpty();
        assertThat(lookup.entries().getFirst().pinyin()).isEqualTo("yín háng");
        assertThat(lookup.traditional()).isEqualTo("銀行");
        assertThat(lookup.pinyin()).isEqualTo("yín háng");
        assertThat(lookup.definition()).containsIgnoringCase("bank");
        assertThat(lookup.characters()).extracting(WordLookup.CharacterEntries::character).containsExactly("银", "行");
        WordLookup.CharacterEntries xing = lookup.characters().get(1);
        assertThat(xing.entries()).extracting(DictionaryEntry::pinyin).contains("xíng", "háng");
        assertThat(lookup.hskLevel()).isEqualTo(3);
        assertThat(lookup.vocabulary()).isEmpty();

        WordLookup unknown = study.lookup("秦刚");
        assertThat(unknown.inDictionary()).isFalse();
        assertThat(unknown.pinyin()).isNotBlank();
    }

    @Test
    void splittingAndMergingAreRememberedAndUndoEachOther() {
        String text = "中美关系这个大球仍需要乒乓球这个小球来推动。";
        List<String> before = study.words(text);
        assertThat(String.join("", before)).isEqualTo(text);
        String first = before.getFirst();
        assertThat(first.length()).isGreaterThan(1);

        study.splitWord(first, 1);
        List<String> split = study.words(text);
        assertThat(split.subList(0, 2)).containsExactly(first.substring(0, 1), first.substring(1));
        assertThat(String.join("", split)).isEqualTo(text);
        assertThat(study.words("今天" + first)).endsWith(first.substring(0, 1), first.substring(1));

        study.mergeWords(List.of(first.substring(0, 1), first.substring(1)));
        assertThat(study.words(text)).isEqualTo(before);
        assertThat(rules.count()).isZero();

        int ball = before.indexOf("大球");
        if (ball < 0) {
            ball = 2;
        }
        study.mergeWords(List.of(before.get(ball), before.get(ball + 1)));
        List<String> merged = study.words(text);
        assertThat(merged).contains(before.get(ball) + before.get(ball + 1));
        assertThat(String.join("", merged)).isEqualTo(text);

        assertThatThrownBy(() -> study.splitWord("好", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSentenceAroundAWordAndItsEnglish() {
        String paragraph = "秦刚说，几天前举行视频会晤。习近平指出：“过去50年很重要。”而这一事件从乒乓球开始。";
        assertThat(StudyService.sentenceAt(paragraph, 2)).isEqualTo("秦刚说，几天前举行视频会晤。");
        assertThat(StudyService.sentenceAt(paragraph, paragraph.indexOf("过去"))).isEqualTo("习近平指出：“过去50年很重要。”");
        assertThat(StudyService.sentenceAt(paragraph, paragraph.indexOf("乒乓"))).isEqualTo("而这一事件从乒乓球开始。");

        String english = "Qin Gang said a video meeting was held days ago. Xi said: \"The past 50 years matter.\" "
                + "And this began with ping-pong.";
        assertThat(StudyService.englishOfSentence(paragraph, "而这一事件从乒乓球开始。", english))
                .isEqualTo("And this began with ping-pong.");
        assertThat(StudyService.englishOfSentence(paragraph, "而这一事件从乒乓球开始。", "One sentence only."))
                .isEqualTo("One sentence only.");
        assertThat(StudyService.englishOfSentence(paragraph, "x", null)).isNull();
    }

    @Test
    void theLevelProfileCountsDistinctWordsAndThoseUnknownToTheUser() {
        List<List<String>> words = List.of(List.of("我", "是", "我", "，", "乒乓外交"), List.of("银行"));
        LevelProfile before = study.profile(words);
        assertThat(before.words()).isEqualTo(4);
        assertThat(before.atLevel(1)).isEqualTo(2);
        assertThat(before.atLevel(3)).isEqualTo(1);
        // 乒乓外交 is beyond HSK, or a name where another test of this context put it in the glossary.
        assertThat(before.beyondHsk() + before.names()).isEqualTo(1);
        assertThat(before.unknown() + before.names()).as("a name is never unknown").isEqualTo(4);

        VocabularyEntry wo = vocabulary.add(new NewVocabularyWord("我", "我", "wǒ", "I", null, null, null));
        vocabulary.setStatus(wo.id(), WordStatus.KNOWN);
        vocabulary.add(new NewVocabularyWord("银行", "銀行", "yín háng", "bank", null, null, null));
        LevelProfile after = study.profile(words);
        assertThat(after.unknown() + after.names()).isEqualTo(3);
    }

    @Test
    void preferencesAndReadingStateAreKept() {
        assertThat(study.preferences()).isEqualTo(ReaderPreferences.DEFAULTS);
        ReaderPreferences changed = ReaderPreferences.DEFAULTS.withDark(true).withFontSize(24)
                .withDisplayMode(DisplayMode.ENGLISH_ON_HOVER).withToneColours(true).withShowHsk(true)
                .withMarkNewWords(true).withLookupOnHover(true);
        study.savePreferences(changed);
        assertThat(study.preferences()).isEqualTo(changed);
        assertThat(ReaderPreferences.DEFAULTS.withFontSize(100).fontSize()).isEqualTo(ReaderPreferences.MAX_FONT_SIZE);
    }

    @Test
    void renderedWordsKeepTheTextExactWithoutPinyinAndCarryRubyWithIt() {
        String text = "他去银行<b>&行走。";
        List<String> words = study.words(text);
        String plain = ChineseHtml.render(words, false, study, Map.of());
        assertThat(ChineseHtml.plainText(plain)).isEqualTo(text);
        assertThat(plain).contains("&lt;b&gt;&amp;").contains("class=\"dz-w dz-new\"").contains("data-h=\"");
        assertThat(plain).doesNotContain("<rt");

        String ruby = ChineseHtml.render(words, true, study, Map.of("银行", WordStatus.KNOWN));
        assertThat(ChineseHtml.plainText(ruby)).isEqualTo(text);
        assertThat(ruby).contains("<rt class=\"dz-t2\">yín</rt>").contains("<rt class=\"dz-t2\">háng</rt>")
                .contains("<rt class=\"dz-t2\">xíng</rt>");
        assertThat(ruby).contains("<span class=\"dz-w\" data-i=\"" + words.indexOf("银行") + "\"");
    }
}
