package app.duizhao.translation;

import com.hankcs.hanlp.HanLP;

/** Script-insensitive matching of glossary terms: traditional and simplified characters match each other. */
final class GlossaryMatcher {

    private GlossaryMatcher() {
    }

    /** The text in simplified characters (non-Chinese text is unchanged). */
    static String simplified(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return HanLP.convertToSimplifiedChinese(text);
    }
}
