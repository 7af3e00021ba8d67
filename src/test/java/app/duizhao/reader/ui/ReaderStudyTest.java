package app.duizhao.reader.ui;

import app.duizhao.annotation.AnnotationService;
import app.duizhao.importing.ImportService;
import app.duizhao.study.DisplayMode;
import app.duizhao.study.StudyService;
import app.duizhao.study.StudyTables;
import app.duizhao.study.VocabularyEntry;
import app.duizhao.study.VocabularyService;
import app.duizhao.study.WordStatus;
import app.duizhao.study.ui.ChineseHtml;
import app.duizhao.study.ui.KeyboardHelp;
import app.duizhao.study.ui.VocabularyView;
import app.duizhao.study.ui.WordPopup;
import app.duizhao.testsupport.Fixtures;
import app.duizhao.testsupport.KaribuSpringTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.RouterLink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.BasicUtilsKt._fireDomEvent;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** Karibu tests of the reader's study tools (issue 5). */
class ReaderStudyTest extends KaribuSpringTest {

    @Autowired
    ImportService importer;

    @Autowired
    AnnotationService annotations;

    @Autowired
    VocabularyService vocabulary;

    @Autowired
    StudyService study;

    private long articleId;

    @BeforeEach
    void importSeed() {
        StudyTables.clear(context);
        articleId = importer.importFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost()).articleId();
    }

    private ReaderStudy open() {
        UI.getCurrent().navigate(ReaderView.class, articleId);
        return _get(ReaderStudy.class);
    }

    private static ObjectNode eventData(int row, int word) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put(ReaderStudy.WORD_INDEX, word);
        data.put(ReaderStudy.ROW_INDEX, row);
        return data;
    }

    /** Clicks word {@code word} of block {@code row} through the rows' one click listener. */
    private static void clickWord(ReaderStudy study, int row, int word) {
        _fireDomEvent(study.table(), "click", eventData(row, word));
    }

    private static int indexOf(ReaderStudy study, int row, String word) {
        int i = study.words(row).indexOf(word);
        assertThat(i).as("block %d has the word %s: %s", row, word, study.words(row)).isNotNegative();
        return i;
    }

    private static String html(ReaderStudy study, int row) {
        return study.table().getChildren().filter(c -> c instanceof BlockRow b && b.position() == row)
                .map(c -> ((BlockRow) c).chinese().getElement().getProperty("innerHTML")).findFirst().orElseThrow();
    }

    private static String popupText(ReaderStudy study) {
        return study.popup().text();
    }

    /** Clicks a button of the popup (its {@code data-action}) through the popup's one click listener. */
    static void clickPopup(ReaderStudy study, String action, String argument) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put(WordPopup.ACTION, action);
        data.put(WordPopup.ARGUMENT, argument);
        data.put("event.target.closest && event.target.closest('[data-action]') != null", true);
        _fireDomEvent(study.popup(), "click", data);
    }

    @Test
    void eachChineseBlockIsRenderedAsWordSpansWhoseTextIsTheBlock() {
        ReaderStudy reader = open();
        String first = html(reader, 0);
        assertThat(first).contains("class=\"dz-w").contains("data-h=\"").doesNotContain("<rt");
        assertThat(String.join("", reader.words(0))).isEqualTo(ChineseHtml.plainText(first));
        assertThat(ChineseHtml.plainText(first)).startsWith("中国驻美大使秦刚");
    }

    @Test
    void clickingAWordShowsItsEntriesWithToneMarksAndItsCharacters() {
        ReaderStudy reader = open();
        clickWord(reader, 0, indexOf(reader, 0, "大使"));

        assertThat(reader.popup().isOpen()).isTrue();
        String text = popupText(reader);
        assertThat(text).contains("大使", "大使館".substring(0, 2), "dà shǐ", "ambassador");
        assertThat(text).doesNotContain("da4");
        assertThat(reader.popup().html()).contains("id=\"popup-characters\"");
        assertThat(text.substring(text.indexOf("ambassador"))).contains("大", "dà", "使", "shǐ");
        assertThat(reader.popup().html()).containsPattern("id=\"popup-hsk\"[^>]*>(HSK [1-6]|beyond HSK)<");
        assertThat(reader.rows().get(0).hasClassName("dz-current")).isTrue();

        // A click outside a word closes it; a traditional form shows both forms.
        clickWord(reader, 1, -1);
        assertThat(reader.popup().isOpen()).isFalse();
        clickWord(reader, 0, indexOf(reader, 0, "关系"));
        assertThat(popupText(reader)).contains("关系", "關係", "guān xi");
        clickPopup(reader, "close", "");
        assertThat(reader.popup().isOpen()).isFalse();
    }

    @Test
    void addingAWordKeepsTheChosenDefinitionTheSentenceAndItsEnglishAndKnownWordsGoUnmarked() {
        annotations.correctEnglish(articleId, 0, "Qin Gang said the big ball still needs the small ball.");
        ReaderStudy reader = open();
        int profileUnknownBefore = study.profile(List.of(reader.words(0), reader.words(1), reader.words(2),
                reader.words(3), reader.words(4), reader.words(5))).unknown();
        clickWord(reader, 0, indexOf(reader, 0, "大使"));
        List<String> definitions = reader.popup().definitions();
        assertThat(definitions).hasSizeGreaterThan(1);
        clickPopup(reader, "choose", String.valueOf(definitions.size() - 1));
        String chosenText = definitions.getLast();
        assertThat(reader.popup().html()).contains("dz-chosen\" data-action=\"choose\" data-arg=\"" + (definitions.size() - 1));
        clickPopup(reader, "add", "");

        VocabularyEntry entry = vocabulary.find("大使").orElseThrow();
        assertThat(entry.definition()).isEqualTo(chosenText);
        assertThat(entry.pinyin()).isEqualTo("dà shǐ");
        assertThat(entry.sentence()).startsWith("中国驻美大使秦刚").endsWith("。");
        assertThat(entry.sentenceEnglish()).isEqualTo("Qin Gang said the big ball still needs the small ball.");
        assertThat(entry.articleId()).isEqualTo(articleId);
        assertThat(entry.status()).isEqualTo(WordStatus.LEARNING);
        assertThat(html(reader, 0)).contains("class=\"dz-w dz-learning\" data-i=\"" + indexOf(reader, 0, "大使") + "\"");
        assertThat(popupText(reader)).contains("Learning");

        clickPopup(reader, "status", "");
        assertThat(vocabulary.find("大使").orElseThrow().status()).isEqualTo(WordStatus.KNOWN);
        assertThat(html(reader, 0)).contains("class=\"dz-w\" data-i=\"" + indexOf(reader, 0, "大使") + "\"");
        assertThat(reader.bar().profileText()).contains("unknown to you: " + (profileUnknownBefore - 1));

        _get(Checkbox.class, spec -> spec.withId("mark-new")).setValue(true);
        assertThat(reader.table().hasClassName("dz-mark-new")).isTrue();
    }

    @Test
    void splittingAndMergingInThePopupAreRememberedWhenTheArticleIsOpenedAgain() {
        ReaderStudy reader = open();
        int at = indexOf(reader, 0, "大使");
        String before = reader.words(0).get(at - 1);
        clickWord(reader, 0, at);
        clickPopup(reader, "split", "1");
        assertThat(reader.words(0).subList(at, at + 2)).containsExactly("大", "使");
        assertThat(reader.popup().lookup().word()).isEqualTo("大");
        assertThat(ChineseHtml.plainText(html(reader, 0))).startsWith("中国驻美大使秦刚");

        ReaderStudy again = open();
        assertThat(again.words(0).subList(at, at + 2)).containsExactly("大", "使");
        clickWord(again, 0, at);
        clickPopup(again, "merge-next", "");
        assertThat(again.words(0).get(at)).isEqualTo("大使");

        clickWord(again, 0, at);
        clickPopup(again, "merge-previous", "");
        assertThat(again.words(0).get(at - 1)).isEqualTo(before + "大使");
        assertThat(open().words(0).get(at - 1)).isEqualTo(before + "大使");
    }

    @Test
    void pinyinIsShownAsRubyPerArticleAndRemembered() {
        ReaderStudy reader = open();
        assertThat(html(reader, 0)).doesNotContain("<rt");
        _get(Checkbox.class, spec -> spec.withId("pinyin-toggle")).setValue(true);

        String html = html(reader, 0);
        assertThat(html).contains("<ruby>", "<rt class=\"dz-t4\">dà</rt>", "<rt class=\"dz-t3\">shǐ</rt>");
        assertThat(reader.table().hasClassName("dz-pinyin-on")).isTrue();
        assertThat(study.pinyinShown(articleId)).isTrue();
        assertThat(ChineseHtml.plainText(html)).startsWith("中国驻美大使秦刚");

        ReaderStudy again = open();
        assertThat(again.pinyinShown()).isTrue();
        assertThat(html(again, 0)).contains("<rt");
        again.key("p");
        assertThat(html(again, 0)).doesNotContain("<rt");
        assertThat(_get(Checkbox.class, spec -> spec.withId("pinyin-toggle")).getValue()).isFalse();
        assertThat(study.pinyinShown(articleId)).isFalse();
    }

    @Test
    void toneColoursHskColoursAndTheLevelProfile() {
        ReaderStudy reader = open();
        String profile = reader.bar().profileText();
        assertThat(profile).contains("HSK 1: ", "HSK 6: ", "beyond: ", "unknown to you: ");
        _get(Checkbox.class, spec -> spec.withId("hsk-colours")).setValue(true);
        _get(Checkbox.class, spec -> spec.withId("tone-colours")).setValue(true);
        assertThat(reader.table().hasClassName("dz-hsk-on")).isTrue();
        assertThat(reader.table().hasClassName("dz-tone-colours")).isTrue();
        int bigBall = indexOf(reader, 0, "人民");
        assertThat(html(reader, 0)).contains("data-i=\"" + bigBall + "\" data-h=\"" + study.hskLevel("人民") + "\"");
        assertThat(study.preferences().showHsk()).isTrue();
        assertThat(open().table().hasClassName("dz-hsk-on")).isTrue();
    }

    @Test
    void displayModesAndFontSizeAreAppliedAndKept() {
        ReaderStudy reader = open();
        assertThat(reader.table().hasClassName("dz-mode-side-by-side")).isTrue();
        @SuppressWarnings("unchecked")
        Select<DisplayMode> mode = _get(Select.class, spec -> spec.withId("display-mode"));
        mode.setValue(DisplayMode.ENGLISH_ON_HOVER);
        assertThat(reader.table().hasClassName("dz-mode-english-on-hover")).isTrue();
        assertThat(reader.table().hasClassName("dz-mode-side-by-side")).isFalse();
        mode.setValue(DisplayMode.CHINESE_ONLY);
        assertThat(reader.table().hasClassName("dz-mode-chinese-only")).isTrue();

        _click(_get(Button.class, spec -> spec.withId("font-larger")));
        _click(_get(Button.class, spec -> spec.withId("font-larger")));
        assertThat(reader.table().getStyle().get("--dz-font-size")).isEqualTo("22px");

        ReaderStudy again = open();
        assertThat(again.table().hasClassName("dz-mode-chinese-only")).isTrue();
        assertThat(again.table().getStyle().get("--dz-font-size")).isEqualTo("22px");
        _click(_get(Button.class, spec -> spec.withId("font-smaller")));
        assertThat(again.table().getStyle().get("--dz-font-size")).isEqualTo("20px");
    }

    @Test
    void keysMoveBetweenBlocksShowPinyinTranslateAndHelp() {
        ReaderStudy reader = open();
        reader.key("j");
        assertThat(reader.current()).isEqualTo(0);
        reader.key("j");
        reader.key("j");
        assertThat(reader.current()).isEqualTo(2);
        assertThat(reader.rows().get(2).hasClassName("dz-current")).isTrue();
        assertThat(reader.rows().get(0).hasClassName("dz-current")).isFalse();
        reader.key("k");
        assertThat(reader.current()).isEqualTo(1);
        assertThat(study.readingPosition(articleId)).isEqualTo(1);

        reader.key("?");
        assertThat(_find(KeyboardHelp.class)).hasSize(1);
        assertThat(_get(KeyboardHelp.class).getElement().getTextRecursively()).contains("Next block", "Pinyin");

        // t: no English yet, so it starts the (offline) translation and reveals the block's English.
        reader.key("t");
        assertThat(reader.rows().get(1).hasClassName("dz-revealed")).isTrue();
        awaitUi(() -> !reader.rows().get(1).englishText().isBlank(), Duration.ofSeconds(60));
    }

    @Test
    void theReadingPositionIsRemembered() {
        ReaderStudy reader = open();
        reader.position(4);
        ReaderStudy again = open();
        assertThat(again.current()).isEqualTo(4);
        assertThat(again.rows().get(4).hasClassName("dz-current")).isTrue();
    }

    @Test
    void lookupOnHoverOpensThePopupWhenThePointerRestsOnAWord() {
        ReaderStudy reader = open();
        _get(Checkbox.class, spec -> spec.withId("lookup-hover")).setValue(true);
        assertThat(reader.table().hasClassName("dz-lookup-hover")).as("the browser script opens words on hover").isTrue();
        // What the browser script tells the server once the pointer rests on a word it could not open itself.
        reader.hovered(0, indexOf(reader, 0, "大使"), -3);
        assertThat(reader.popup().isOpen()).isTrue();
        assertThat(reader.popup().seq()).isEqualTo(3);
        assertThat(reader.popup().lookup().word()).isEqualTo("大使");
        assertThat(study.preferences().lookupOnHover()).isTrue();
    }

    @Test
    void explainingWithoutAnLlmSaysWhatIsNeeded() {
        ReaderStudy reader = open();
        clickWord(reader, 0, indexOf(reader, 0, "大使"));
        clickPopup(reader, "explain", "");
        assertThat(reader.explainPanel().isVisible()).isTrue();
        assertThat(reader.explainPanel().statusText()).contains("need an LLM");
        assertThat(_get(Button.class, spec -> spec.withId("explain-selection")).isEnabled()).isFalse();
    }

    @Test
    void theThemeToggleSwitchesToLumoDarkAndRemembersIt() {
        open();
        assertThat(UI.getCurrent().getElement().getAttribute("theme")).isNull();
        _click(_get(Button.class, spec -> spec.withId("theme-toggle")));
        assertThat(UI.getCurrent().getElement().getAttribute("theme")).isEqualTo("dark");
        assertThat(study.preferences().dark()).isTrue();
        UI.getCurrent().navigate(VocabularyView.class);
        assertThat(UI.getCurrent().getElement().getAttribute("theme")).isEqualTo("dark");
        _click(_get(Button.class, spec -> spec.withId("theme-toggle")));
        assertThat(UI.getCurrent().getElement().getAttribute("theme")).isNull();
    }

    @Test
    void theArticlesDictionaryForTheBrowserHoldsWhatTheServerPopupShowsForEveryWord() {
        ReaderStudy reader = open();
        vocabulary.add(new app.duizhao.study.NewVocabularyWord("关系", "關係", "guān xi", "relation", null, null, articleId));
        JsonNode json = new ObjectMapper().readTree(reader.dictionaryJson());
        JsonNode entries = json.get("e");
        JsonNode words = json.get("w");
        int checked = 0;
        for (int row = 0; row < 6; row++) {
            List<String> list = reader.words(row);
            for (int i = 0; i < list.size(); i++) {
                if (!StudyService.isChinese(list.get(i))) {
                    assertThat(words.has(list.get(i))).isFalse();
                    continue;
                }
                String word = list.get(i);
                clickWord(reader, row, i);
                WordPopup popup = reader.popup();
                JsonNode info = words.get(word);
                assertThat(info).as(word).isNotNull();
                // The entries in the popup's order, their definitions flattened, as the browser script reads them.
                JsonNode raw = entries.has(word) ? entries.get(word) : JsonNodeFactory.instance.arrayNode();
                List<JsonNode> ordered = new java.util.ArrayList<>();
                if (info.has("o")) {
                    info.get("o").forEach(k -> ordered.add(raw.get(k.asInt())));
                } else {
                    raw.forEach(ordered::add);
                }
                List<String> definitions = new java.util.ArrayList<>();
                ordered.forEach(e -> e.get(3).forEach(d -> definitions.add(d.asString())));
                assertThat(definitions).as(word).isEqualTo(popup.definitions());
                assertThat(ordered.stream().map(e -> e.get(2).asString()).toList()).as(word)
                        .isEqualTo(popup.lookup().entries().stream().map(app.duizhao.chinese.DictionaryEntry::pinyin).toList());
                if (!definitions.isEmpty()) {
                    assertThat(definitions.get(info.get("c").asInt())).as(word).isEqualTo(popup.chosenDefinition());
                }
                assertThat(info.get("h").asInt()).as(word).isEqualTo(popup.lookup().hskLevel());
                assertThat(info.get("v").asInt()).as(word).isEqualTo(popup.lookup().vocabulary()
                        .map(v -> v.status() == WordStatus.KNOWN ? 2 : 1).orElse(0));
                for (var ch : popup.lookup().characters()) {
                    assertThat(entries.has(ch.character())).isEqualTo(!ch.entries().isEmpty());
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(words.get("关系").get("v").asInt()).isEqualTo(1);
    }

    @Test
    void aClickTheBrowserAnsweredItselfOnlyTellsTheServerWhichWordIsOpen() {
        ReaderStudy reader = open();
        int at = indexOf(reader, 0, "大使");
        ObjectNode data = eventData(0, at);
        data.put(ReaderStudy.HANDLED, 7); // the browser script opened the popup, its 7th open or close
        _fireDomEvent(reader.table(), "click", data);
        assertThat(reader.popup().isOpen()).isTrue();
        assertThat(reader.popup().lookup().word()).isEqualTo("大使");
        assertThat(reader.popup().seq()).isEqualTo(7);
        assertThat(reader.rows().get(0).hasClassName("dz-current")).isTrue();

        // Its buttons still act on the server: the definition chosen in the browser is the one saved.
        ObjectNode add = JsonNodeFactory.instance.objectNode();
        add.put(WordPopup.ACTION, "add");
        add.put(WordPopup.ARGUMENT, "");
        add.put(WordPopup.SEQ, 7);
        add.put(WordPopup.ROW, 0);
        add.put(WordPopup.WORD, at);
        add.put(WordPopup.CHOSEN, 1);
        add.put("event.target.closest && event.target.closest('[data-action]') != null", true);
        _fireDomEvent(reader.popup(), "click", add);
        assertThat(vocabulary.find("大使").orElseThrow().definition()).isEqualTo(reader.popup().definitions().get(1));

        // A popup action that arrives before the server heard of the click on its word opens that word first.
        int relation = indexOf(reader, 0, "关系");
        ObjectNode explain = JsonNodeFactory.instance.objectNode();
        explain.put(WordPopup.ACTION, "close");
        explain.put(WordPopup.SEQ, 9);
        explain.put(WordPopup.ROW, 0);
        explain.put(WordPopup.WORD, relation);
        explain.put("event.target.closest && event.target.closest('[data-action]') != null", true);
        _fireDomEvent(reader.popup(), "click", explain);
        assertThat(reader.popup().isOpen()).as("closed in the browser, forgotten on the server").isFalse();
        assertThat(reader.popup().seq()).isEqualTo(9);

        // A click outside a word that the browser handled closes the popup on the server too.
        clickWord(reader, 0, relation);
        ObjectNode outside = eventData(1, -1);
        outside.put(ReaderStudy.HANDLED, 11);
        _fireDomEvent(reader.table(), "click", outside);
        assertThat(reader.popup().isOpen()).isFalse();
    }

    @Test
    void aLongArticleShowsItsRowsAtOnceAndGetsItsWordsInTheBackground() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 240; i++) {
            text.append("第").append(i).append("段：中国驻美大使在纪念活动上致辞，表示两国人民的友谊需要共同推动。\n\n");
        }
        long id = importer.importText(text.toString()).articleId();
        UI.getCurrent().navigate(ReaderView.class, id);
        ReaderStudy reader = _get(ReaderStudy.class);
        ReaderView view = _get(ReaderView.class);
        assertThat(view.rows()).hasSizeGreaterThanOrEqualTo(240);
        assertThat(text.length()).as("long enough to be prepared in the background").isGreaterThan(ReaderStudy.INLINE_CHARS);
        // The first rows go out with the page, the others follow in batches (they may already have).
        assertThat(reader.table().getChildren().filter(BlockRow.class::isInstance).count())
                .isGreaterThanOrEqualTo(RowFeeder.FIRST);
        // Until its words come, a row shows its plain text (the worker may already be done: it is fast).
        assertThat(ChineseHtml.plainText(html(reader, 0))).startsWith("第0段");

        awaitUi(() -> reader.allWordsReady() && view.allRowsShown(), Duration.ofSeconds(60));
        assertThat(reader.table().getChildren().filter(BlockRow.class::isInstance)).hasSize(view.rows().size());
        assertThat(html(reader, 239)).contains("class=\"dz-w");
        assertThat(ChineseHtml.plainText(html(reader, 239))).startsWith("第239段");
        assertThat(reader.bar().profileText()).contains("HSK 1: ", "unknown to you: ");
        clickWord(reader, 120, indexOf(reader, 120, "大使"));
        assertThat(popupText(reader)).contains("dà shǐ");
    }

    @Test
    void aSavedVersionHasTheSamePopupAndPinyinWithoutCorrections() {
        annotations.saveVersion(articleId, "for study");
        int number = annotations.versions(articleId).getFirst().number();
        UI.getCurrent().navigate(VersionView.class, VersionView.parameters(articleId, number));
        VersionView version = _get(VersionView.class);
        ReaderStudy reader = version.study();
        assertThat(html(reader, 0)).contains("class=\"dz-w");

        clickWord(reader, 0, indexOf(reader, 0, "大使"));
        assertThat(popupText(reader)).contains("大使", "dà shǐ", "ambassador", "Add to vocabulary");
        assertThat(reader.popup().html()).doesNotContain("data-action=\"split\"", "merge-next", "Segmentation");
        clickPopup(reader, "split", "1");
        assertThat(reader.words(0)).contains("大使");

        _get(Checkbox.class, spec -> spec.withId("pinyin-toggle")).setValue(true);
        assertThat(html(reader, 0)).contains("<rt class=\"dz-t4\">dà</rt>");
        assertThat(study.pinyinShown(articleId)).as("a saved version does not change the article's setting").isFalse();
        reader.position(3);
        assertThat(study.readingPosition(articleId)).isZero();
    }

    @Test
    void theHeaderLinksToTheVocabulary() {
        open();
        RouterLink link = _get(RouterLink.class, spec -> spec.withId("vocabulary-link"));
        assertThat(link.getHref()).isEqualTo("vocabulary");
    }
}
