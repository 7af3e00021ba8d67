package app.duizhao.annotation;

import app.duizhao.annotation.TextAnchor.Quote;
import app.duizhao.annotation.TextAnchor.Range;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextAnchorTest {

    @Test
    void describingASelectionKeepsTheQuoteItsContextAndOffsets() {
        Quote quote = TextAnchor.describe("中国驻美大使秦刚表示，中美关系很重要。", 6, 8);

        assertThat(quote.exact()).isEqualTo("秦刚");
        assertThat(quote.prefix()).isEqualTo("中国驻美大使");
        assertThat(quote.suffix()).isEqualTo("表示，中美关系很重要。");
        assertThat(quote.start()).isEqualTo(6);
        assertThat(quote.end()).isEqualTo(8);
    }

    @Test
    void contextIsCutToThirtyTwoCharactersOnEachSide() {
        String text = "a".repeat(50) + "XYZ" + "b".repeat(50);
        Quote quote = TextAnchor.describe(text, 50, 53);

        assertThat(quote.prefix()).hasSize(TextAnchor.CONTEXT).matches("a+");
        assertThat(quote.suffix()).hasSize(TextAnchor.CONTEXT).matches("b+");
    }

    @Test
    void anEmptyOrOutOfRangeSelectionIsRejected() {
        assertThatThrownBy(() -> TextAnchor.describe("abc", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextAnchor.describe("abc", 2, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextAnchor.describe("abc", -1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnchangedTextResolvesToTheSameRange() {
        String text = "The ambassador said ping-pong diplomacy still matters.";
        Quote quote = TextAnchor.describe(text, 20, 39);

        assertThat(TextAnchor.resolve(text, quote)).contains(new Range(20, 39));
    }

    @Test
    void aReTranslationThatMovedTheQuoteFindsItAtItsNewPlace() {
        String before = "The ambassador said ping-pong diplomacy still matters.";
        Quote quote = TextAnchor.describe(before, 20, 39);
        String after = "On Tuesday, China's ambassador Qin Gang said that ping-pong diplomacy still matters a lot.";

        Range range = TextAnchor.resolve(after, quote).orElseThrow();
        assertThat(after.substring(range.start(), range.end())).isEqualTo("ping-pong diplomacy");
        assertThat(range.start()).isEqualTo(after.indexOf("ping-pong"));
    }

    @Test
    void aQuoteThatAppearsTwiceIsTellApartByItsContext() {
        String text = "中美关系很重要。他说，中美关系需要小球推动。";
        int second = text.lastIndexOf("中美关系");
        Quote quote = TextAnchor.describe(text, second, second + 4);
        // An edit before both occurrences shifts them, so the old offsets now point at neither.
        String edited = "新华社消息：" + text;

        Range range = TextAnchor.resolve(edited, quote).orElseThrow();
        assertThat(range.start()).isEqualTo(edited.lastIndexOf("中美关系"));
    }

    @Test
    void whenContextDoesNotDecideTheOccurrenceNearestTheOldOffsetWins() {
        Quote quote = new Quote("ab", "", "", 7, 9);

        assertThat(TextAnchor.resolve("ab ab ab ab", quote)).contains(new Range(6, 8));
    }

    @Test
    void aQuoteThatIsGoneIsOrphaned() {
        Quote quote = TextAnchor.describe("The ambassador said ping-pong matters.", 20, 29);

        assertThat(TextAnchor.resolve("A completely different translation.", quote)).isEmpty();
        assertThat(TextAnchor.resolve(null, quote)).isEmpty();
        assertThat(TextAnchor.resolve("", quote)).isEmpty();
    }

    @Test
    void theContextOfTheFirstOccurrenceIsPreferredOverTheOldOffsets() {
        String text = "小球推动大球。大球带动小球。";
        Quote quote = TextAnchor.describe(text, 0, 2);  // the first 小球, followed by 推动
        // The paragraph was reordered: the first occurrence is now the one followed by 推动, at the end.
        String reordered = "大球带动小球。小球推动大球。";

        Range range = TextAnchor.resolve(reordered, quote).orElseThrow();
        assertThat(reordered.substring(range.end(), range.end() + 2)).isEqualTo("推动");
    }
}
