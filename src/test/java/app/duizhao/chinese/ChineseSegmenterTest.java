package app.duizhao.chinese;

import org.junit.jupiter.api.Test;

import java.util.List;

import static app.duizhao.chinese.ChineseFixtures.SEGMENTER;
import static app.duizhao.chinese.ChineseFixtures.seedParagraphs;
import static org.assertj.core.api.Assertions.assertThat;

class ChineseSegmenterTest {

    private static final String QIN_GANG = "中国驻美大使秦刚在中美“乒乓外交”50周年纪念活动致辞时表示";

    @Test
    void givesBackTheOriginalTextWhenTheTokensAreJoined() {
        List<String> texts = new java.util.ArrayList<>(seedParagraphs());
        texts.add(QIN_GANG);
        texts.add("  他说：“iPhone 13 Pro 售价 7,999.5 元，涨了12.5%！”\n第二行\t（完）  ");
        texts.add("臺灣的銀行行長說，這個問題很難。");
        texts.add("Hello, world — no Chinese here.");
        texts.add("𠮷野家 emoji 😀 和 ，，、、 标点");
        assertThat(texts).hasSizeGreaterThan(6);
        for (String text : texts) {
            assertThat(String.join("", SEGMENTER.segment(text))).isEqualTo(text);
        }
    }

    @Test
    void aRememberedSegmentationIsTheSameAsAFreshOneAndCanBeChangedByTheCaller() {
        ChineseSegmenter segmenter = new ChineseSegmenter();
        String text = QIN_GANG + "。" + System.nanoTime();
        List<String> fresh = segmenter.segment(text);
        List<String> remembered = segmenter.segment(text);
        assertThat(remembered).isEqualTo(fresh).isNotSameAs(fresh);
        remembered.set(0, "changed"); // each caller gets its own list
        assertThat(segmenter.segment(text)).isEqualTo(fresh);
        segmenter.forget();
        assertThat(segmenter.segment(text)).isEqualTo(fresh);
        assertThat(segmenter.segment("")).isEmpty();
    }

    @Test
    void splitsTheQinGangSentenceIntoWords() {
        List<String> tokens = SEGMENTER.segment(QIN_GANG);
        assertThat(tokens).startsWith("中国", "驻", "美", "大使");
        assertThat(tokens).contains("“", "乒乓", "外交", "”", "50", "周年", "表示");
    }

    @Test
    void tagsPersonNamesAndKeepsTraditionalCharactersAsWritten() {
        List<ChineseSegmenter.Token> tokens = SEGMENTER.tokenize("中國駐美大使秦剛在華盛頓致辭");
        assertThat(tokens).extracting(ChineseSegmenter.Token::text).startsWith("中國", "駐", "美", "大使");
        assertThat(String.join("", tokens.stream().map(ChineseSegmenter.Token::text).toList()))
                .isEqualTo("中國駐美大使秦剛在華盛頓致辭");
        assertThat(SEGMENTER.tokenize(QIN_GANG)).contains(new ChineseSegmenter.Token("秦刚", "nr"));
    }

    @Test
    void keepsEveryPunctuationMarkAsItsOwnToken() {
        List<String> tokens = SEGMENTER.segment("你好，世界！“中美”（关系）。ABC-12");
        assertThat(tokens).contains("，", "！", "“", "”", "（", "）", "。", "ABC", "-", "12");
        assertThat(tokens).allSatisfy(t -> {
            boolean hasPunctuation = t.codePoints().anyMatch(ChineseSegmenter::isPunctuation);
            if (hasPunctuation) {
                assertThat(t.codePointCount(0, t.length())).isEqualTo(1);
            }
        });
    }

    @Test
    void keepsLatinRunsAndNumbersApartFromChinese() {
        List<String> tokens = SEGMENTER.segment("苹果发布iPhone手机，售价7,999.5元");
        assertThat(tokens).contains("iPhone", "7,999.5");
        assertThat(tokens).doesNotContain("iPhone手机");
    }

    @Test
    void returnsNoTokensForEmptyText() {
        assertThat(SEGMENTER.segment("")).isEmpty();
        assertThat(SEGMENTER.segment(null)).isEmpty();
    }

    @Test
    void picksKeySentencesThatAppearInTheTextInArticleOrder() {
        String text = String.join("\n", seedParagraphs());
        List<String> key = SEGMENTER.keySentences(text, 3);
        assertThat(key).hasSize(3);
        int previous = -1;
        for (String sentence : key) {
            int at = text.indexOf(sentence, previous + 1);
            assertThat(at).as(sentence).isGreaterThan(previous);
            previous = at;
        }
    }

    @Test
    void neverPicksTheSameSentenceTwice() {
        String text = "中美关系很重要。今天天气很好。中美关系很重要。两国人民需要友谊。我们喜欢打乒乓球。";
        assertThat(SEGMENTER.keySentences(text, 4)).doesNotHaveDuplicates().hasSize(4);
    }

    @Test
    void skipsASentenceThatRepeatsPartOfAnotherChosenOne() {
        String text = String.join("\n", seedParagraphs());
        List<String> key = SEGMENTER.keySentences(text, 3);
        for (String a : key) {
            for (String b : key) {
                if (a != b) {
                    assertThat(a).doesNotContain(b.substring(0, b.length() - 1));
                }
            }
        }
    }

    @Test
    void returnsAllSentencesWhenThereAreFewerThanAsked() {
        assertThat(SEGMENTER.keySentences("第一句话。第二句话！", 5)).containsExactly("第一句话。", "第二句话！");
        assertThat(SEGMENTER.keySentences("", 3)).isEmpty();
    }

    @Test
    void splitsSentencesAfterEndMarksKeepingClosingQuotes() {
        assertThat(ChineseSegmenter.sentences("他说：“好。”我们走吧！真的？\n新的一行"))
                .containsExactly("他说：“好。”", "我们走吧！", "真的？", "新的一行");
    }
}
