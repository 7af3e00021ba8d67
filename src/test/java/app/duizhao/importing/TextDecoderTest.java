package app.duizhao.importing;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextDecoderTest {

    private static final String SIMPLIFIED = "中国驻美大使秦刚在中美“乒乓外交”50周年纪念活动致辞时表示，两国关系的大球仍需小球推动。"
            + "他说，中美两国人民的友好交往是两国关系发展的基础。";
    private static final String TRADITIONAL = "台灣中央社報導，行政院今天（5日）召開會議，討論經濟發展與兩岸關係的問題。"
            + "記者表示，政府將於下週公布新的措施。";

    @Test
    void utf8IsReadAsUtf8() {
        TextDecoder.Decoded decoded = TextDecoder.decode(SIMPLIFIED.getBytes(StandardCharsets.UTF_8), "a.md", null);
        assertThat(decoded.text()).isEqualTo(SIMPLIFIED);
        assertThat(decoded.charset()).isEqualTo("UTF-8");
    }

    @Test
    void gbkAndGb18030BytesAreDetectedAndDecoded() {
        for (String charset : new String[]{"GBK", "GB18030", "GB2312"}) {
            byte[] bytes = SIMPLIFIED.getBytes(Charset.forName(charset));
            TextDecoder.Decoded decoded = TextDecoder.decode(bytes, "a.txt", null);
            assertThat(decoded.text()).as(charset).isEqualTo(SIMPLIFIED);
            assertThat(decoded.charset()).as(charset).isEqualTo("GB18030");
        }
    }

    @Test
    void big5BytesAreDetectedAndDecoded() {
        byte[] bytes = TRADITIONAL.getBytes(Charset.forName("Big5"));
        TextDecoder.Decoded decoded = TextDecoder.decode(bytes, "a.txt", null);
        assertThat(decoded.text()).isEqualTo(TRADITIONAL);
        assertThat(decoded.charset()).isEqualTo("Big5");
    }

    @Test
    void traditionalTextInGbkIsStillReadAsGbk() {
        byte[] bytes = TRADITIONAL.getBytes(Charset.forName("GB18030"));
        assertThat(TextDecoder.decode(bytes, "a.txt", null).text()).isEqualTo(TRADITIONAL);
    }

    @Test
    void aMetaCharsetDeclarationWins() {
        String html = "<html><head><meta charset=\"big5\"><title>新聞</title></head><body><p>" + TRADITIONAL
                + "</p></body></html>";
        TextDecoder.Decoded decoded = TextDecoder.decode(html.getBytes(Charset.forName("Big5")), "a.html", null);
        assertThat(decoded.charset()).isEqualTo("Big5");
        assertThat(decoded.text()).contains(TRADITIONAL);

        String httpEquiv = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
                + "</head><body><p>" + SIMPLIFIED + "</p></body></html>";
        assertThat(TextDecoder.decode(httpEquiv.getBytes(Charset.forName("GBK")), "a.html", null).text())
                .contains(SIMPLIFIED);
    }

    @Test
    void anXmlDeclarationWins() {
        String xhtml = "<?xml version=\"1.0\" encoding=\"GBK\"?><html><body><p>" + SIMPLIFIED + "</p></body></html>";
        assertThat(TextDecoder.decode(xhtml.getBytes(Charset.forName("GBK")), "a.xhtml", null).text())
                .contains(SIMPLIFIED);
    }

    @Test
    void byteOrderMarksAreHonouredAndDropped() {
        byte[] utf8 = ("\uFEFF" + SIMPLIFIED).getBytes(StandardCharsets.UTF_8);
        assertThat(TextDecoder.decode(utf8, "a.md", null).text()).isEqualTo(SIMPLIFIED);
        byte[] utf16 = ("\uFEFF" + SIMPLIFIED).getBytes(StandardCharsets.UTF_16LE);
        assertThat(TextDecoder.decode(utf16, "a.md", null).text()).isEqualTo(SIMPLIFIED);
        byte[] utf16be = ("\uFEFF" + SIMPLIFIED).getBytes(StandardCharsets.UTF_16BE);
        assertThat(TextDecoder.decode(utf16be, "a.md", null).text()).isEqualTo(SIMPLIFIED);
    }

    @Test
    void fullWidthAndHalfWidthPunctuationSurviveEveryEncoding() {
        String mixed = "他说：“好！”(half) （全角）「引號」,.;?！？，。、";
        for (String charset : new String[]{"UTF-8", "GB18030"}) {
            assertThat(TextDecoder.decode(mixed.getBytes(Charset.forName(charset)), "a.txt", null).text())
                    .as(charset).isEqualTo(mixed);
        }
        String big5 = "他說：「好！」(half) （全角）,.;?！？，。、";
        assertThat(TextDecoder.decode(big5.getBytes(Charset.forName("Big5")), "a.txt", null).text()).isEqualTo(big5);
    }

    @Test
    void bytesThatAreNoSupportedEncodingKeepTheUtf8Message() {
        byte[] bad = {'a', 'b', (byte) 0x81, (byte) 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0x80, 'c'};
        assertThatThrownBy(() -> TextDecoder.decode(bad, "bad.md", null))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("not valid UTF-8")
                .extracting(e -> ((ImportException) e).kind()).isEqualTo(ImportException.Kind.UNSUPPORTED);
    }
}
