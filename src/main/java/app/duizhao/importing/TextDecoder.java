package app.duizhao.importing;

import com.hankcs.hanlp.HanLP;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes the bytes of a post: UTF-8, UTF-16 (with a BOM), GB18030/GBK/GB2312 or Big5.
 *
 * <p>Order: a byte-order mark wins; then a charset declared in the document ({@code <meta charset>},
 * {@code http-equiv} content type, an XML declaration) or by the server, if the bytes decode strictly in it; then
 * strict UTF-8; then GB18030 and Big5 are both tried strictly and the decoding whose Han characters are more often
 * among the most common Chinese characters wins (a wrong double-byte decoding yields mostly rare characters and
 * private-use code points). Bytes that none of these decode raise an {@link ImportException}.
 */
final class TextDecoder {

    /** The result: the text (without a BOM) and the charset it was read in. */
    record Decoded(String text, String charset) {
    }

    static final Charset GB18030 = Charset.forName("GB18030");
    static final Charset BIG5 = Charset.forName("Big5");
    private static final Charset BIG5_HKSCS = Charset.forName("Big5-HKSCS");

    private static final Pattern META_CHARSET = Pattern.compile(
            "(?i)<meta\\s[^>]{0,500}?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_.:-]{2,40})");
    private static final Pattern XML_ENCODING = Pattern.compile(
            "(?i)<\\?xml\\s[^>]{0,200}?encoding\\s*=\\s*[\"']([A-Za-z0-9_.:-]{2,40})[\"']");
    private static final int DECLARATION_WINDOW = 4096;

    /**
     * The 500 or so most frequent characters of modern Chinese running text (simplified); their traditional forms are
     * added at start-up. Used only to score candidate decodings.
     */
    private static final String COMMON = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学"
            + "对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动"
            + "两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间"
            + "新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处"
            + "总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果"
            + "亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社"
            + "术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深"
            + "区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友"
            + "孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坐集编宝谈府拉"
            + "黑且随格尽剑讲布杀微怕母调局根曾准团段终乐切级克精哪官示冷域假选云证育另类办况府港台湾岁国际经济发展社会政府"
            + "表示报道记者警方官员美国中国日本欧洲俄罗斯疫情病毒疫苗";

    private static final Set<Integer> COMMON_SET = new HashSet<>();

    static {
        String traditional = HanLP.convertToTraditionalChinese(COMMON);
        COMMON.codePoints().forEach(COMMON_SET::add);
        traditional.codePoints().forEach(COMMON_SET::add);
    }

    private TextDecoder() {
    }

    /**
     * Decodes {@code content}.
     *
     * @param content      the bytes
     * @param name         the file name, for the error message
     * @param serverCharset a charset named by an HTTP {@code Content-Type} header, or {@code null}
     * @throws ImportException when the bytes are none of the supported encodings
     */
    static Decoded decode(byte[] content, String name, String serverCharset) {
        if (startsWith(content, 0xEF, 0xBB, 0xBF)) {
            return strictOrFail(content, 3, StandardCharsets.UTF_8, name);
        }
        if (startsWith(content, 0xFF, 0xFE)) {
            return strictOrFail(content, 2, StandardCharsets.UTF_16LE, name);
        }
        if (startsWith(content, 0xFE, 0xFF)) {
            return strictOrFail(content, 2, StandardCharsets.UTF_16BE, name);
        }
        if (startsWith(content, 0x84, 0x31, 0x95, 0x33)) {
            return strictOrFail(content, 4, GB18030, name);
        }
        Charset declared = declaredCharset(content);
        if (declared == null) {
            declared = charsetFor(serverCharset);
        }
        if (declared != null) {
            String text = strict(content, 0, declared);
            if (text != null) {
                return new Decoded(text, declared.name());
            }
        }
        String utf8 = strict(content, 0, StandardCharsets.UTF_8);
        if (utf8 != null) {
            return new Decoded(utf8, StandardCharsets.UTF_8.name());
        }
        String gb = strict(content, 0, GB18030);
        String big5 = strict(content, 0, BIG5);
        if (big5 == null) {
            big5 = strict(content, 0, BIG5_HKSCS);
        }
        if (gb != null && big5 != null) {
            return score(big5) > score(gb) ? new Decoded(big5, BIG5.name()) : new Decoded(gb, GB18030.name());
        }
        if (gb != null) {
            return new Decoded(gb, GB18030.name());
        }
        if (big5 != null) {
            return new Decoded(big5, BIG5.name());
        }
        int offset = firstBadUtf8Byte(content);
        throw new ImportException(ImportException.Kind.UNSUPPORTED, "\"" + name + "\" is not valid UTF-8 text (the "
                + "first bad byte is at offset " + offset + "), nor GB18030/GBK or Big5. Save it as UTF-8 and import "
                + "it again.");
    }

    /** How Chinese-like a decoding reads: the share of its non-ASCII characters that are common Han characters. */
    static double score(String text) {
        int nonAscii = 0;
        int common = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                continue;
            }
            nonAscii++;
            if (COMMON_SET.contains(cp)) {
                common++;
            } else if (Character.getType(cp) == Character.PRIVATE_USE) {
                common -= 2;
            }
        }
        return nonAscii == 0 ? 0 : (double) common / nonAscii;
    }

    private static Decoded strictOrFail(byte[] content, int skip, Charset charset, String name) {
        String text = strict(content, skip, charset);
        if (text == null) {
            throw new ImportException(ImportException.Kind.UNSUPPORTED, "\"" + name + "\" starts with a "
                    + charset.name() + " byte-order mark but is not valid " + charset.name() + " text.");
        }
        return new Decoded(text, charset.name());
    }

    static String strict(byte[] content, int skip, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(content, skip, content.length - skip)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int firstBadUtf8Byte(byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(content);
        try {
            decoder.decode(buffer);
            return -1;
        } catch (CharacterCodingException e) {
            return buffer.position();
        }
    }

    /** A charset named by {@code <meta charset>}, {@code http-equiv} or an XML declaration in the first 4 KB. */
    static Charset declaredCharset(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, DECLARATION_WINDOW), StandardCharsets.ISO_8859_1);
        Matcher xml = XML_ENCODING.matcher(head);
        if (xml.find()) {
            Charset charset = charsetFor(xml.group(1));
            if (charset != null) {
                return charset;
            }
        }
        Matcher meta = META_CHARSET.matcher(head);
        return meta.find() ? charsetFor(meta.group(1)) : null;
    }

    /** The charset for a declared name; GB2312 and GBK widen to GB18030, their superset. */
    static Charset charsetFor(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("gb2312") || n.equals("gbk") || n.equals("x-gbk") || n.equals("cp936") || n.equals("gb18030")) {
            return GB18030;
        }
        if (n.equals("big5") || n.equals("x-x-big5") || n.equals("cp950")) {
            return BIG5;
        }
        try {
            Charset charset = Charset.forName(n);
            // We found the declaration by reading the bytes as ASCII, so a charset that is not ASCII-compatible
            // (UTF-16, UTF-32, EBCDIC) cannot be what the bytes are in.
            return charset.canEncode() && java.util.Arrays.equals("<a =".getBytes(charset),
                    "<a =".getBytes(StandardCharsets.US_ASCII)) ? charset : null;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
