package app.duizhao.translation;

/**
 * Estimates tokens without a tokenizer, for batching and for providers that report no usage. Close to OpenAI's
 * cl100k/o200k: about one token per CJK character (common characters are one token, rarer ones two, common pairs
 * share one, so one on average is fair), and about one token per four characters of other text.
 */
public final class TokenEstimator {

    /** What one segment's tags ({@code <segment id="N">…</segment>}) and line break add. */
    public static final int SEGMENT_OVERHEAD = 8;

    private TokenEstimator() {
    }

    /** The estimated token count of {@code text}. */
    public static int estimate(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        int cjk = 0;
        int other = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isCjk(cp)) {
                cjk++;
            } else {
                other++;
            }
            i += Character.charCount(cp);
        }
        return cjk + (other + 3) / 4;
    }

    static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
    }
}
