package app.duizhao.importing;

import com.hankcs.hanlp.HanLP;
import org.springframework.stereotype.Component;

/**
 * Converts Chinese text between simplified and traditional characters (HanLP's conversion tables, phrase-aware).
 * For display only: stored article text always stays as written. Punctuation, full-width or half-width, passes
 * through unchanged.
 */
@Component
public class ScriptConverter {

    /** Language tag of simplified Chinese, as stored in {@code Article.language}. */
    public static final String SIMPLIFIED = ScriptDetector.SIMPLIFIED;
    /** Language tag of traditional Chinese, as stored in {@code Article.language}. */
    public static final String TRADITIONAL = ScriptDetector.TRADITIONAL;

    /** {@code text} in simplified characters. */
    public String toSimplified(String text) {
        return convertHanRuns(text, true);
    }

    /** {@code text} in traditional characters. */
    public String toTraditional(String text) {
        return convertHanRuns(text, false);
    }

    /**
     * {@code text} in the script named by {@code targetLanguage} ({@value #SIMPLIFIED} or {@value #TRADITIONAL});
     * any other tag returns the text unchanged.
     */
    public String convert(String text, String targetLanguage) {
        if (SIMPLIFIED.equals(targetLanguage)) {
            return toSimplified(text);
        }
        if (TRADITIONAL.equals(targetLanguage)) {
            return toTraditional(text);
        }
        return text;
    }

    /**
     * Converts only runs of Han characters: HanLP's tables also map some punctuation (corner brackets to curly
     * quotes), and punctuation must stay as written.
     */
    private static String convertHanRuns(String text, boolean toSimplified) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int start = i;
            boolean han = isHan(text.codePointAt(i));
            while (i < text.length() && isHan(text.codePointAt(i)) == han) {
                i += Character.charCount(text.codePointAt(i));
            }
            String run = text.substring(start, i);
            out.append(!han ? run : toSimplified ? HanLP.convertToSimplifiedChinese(run)
                    : HanLP.convertToTraditionalChinese(run));
        }
        return out.toString();
    }

    private static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    /** The other Chinese script for an article's language tag, or {@code null} for a non-Chinese article. */
    public String otherScript(String language) {
        if (SIMPLIFIED.equals(language)) {
            return TRADITIONAL;
        }
        if (TRADITIONAL.equals(language)) {
            return SIMPLIFIED;
        }
        return null;
    }
}
