package app.duizhao.importing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptConverterTest {

    private final ScriptConverter converter = new ScriptConverter();

    @Test
    void traditionalTextIsShownInSimplifiedAndBack() {
        assertThat(converter.toSimplified("台灣經濟發展與兩岸關係")).isEqualTo("台湾经济发展与两岸关系");
        assertThat(converter.toTraditional("经济发展")).isEqualTo("經濟發展");
    }

    @Test
    void punctuationStaysAsWritten() {
        assertThat(converter.toSimplified("他說：「經濟，好！」(ok)")).isEqualTo("他说：「经济，好！」(ok)");
        assertThat(converter.toTraditional("他说：“经济，好！”,.")).isEqualTo("他說：“經濟，好！”,.");
    }

    @Test
    void otherScriptNamesTheConversionTarget() {
        assertThat(converter.otherScript("zh-Hant")).isEqualTo("zh-Hans");
        assertThat(converter.otherScript("zh-Hans")).isEqualTo("zh-Hant");
        assertThat(converter.otherScript("en")).isNull();
    }

    @Test
    void traditionalArticlesAreRecognised() {
        assertThat(ScriptDetector.detect("台灣中央社報導，行政院今天召開會議，討論經濟發展與兩岸關係的問題。")).isEqualTo("zh-Hant");
        assertThat(ScriptDetector.detect("中国驻美大使秦刚表示，两国关系的大球仍需小球推动。")).isEqualTo("zh-Hans");
    }
}
