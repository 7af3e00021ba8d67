package app.duizhao.importing;

import com.hankcs.hanlp.HanLP;

/**
 * Tells whether a text is Chinese in simplified or traditional characters, or English.
 */
final class ScriptDetector {

    static final String SIMPLIFIED = "zh-Hans";
    static final String TRADITIONAL = "zh-Hant";
    static final String ENGLISH = "en";

    private ScriptDetector() {
    }

    /** The language tag of {@code text}: {@code zh-Hans}, {@code zh-Hant} or {@code en}. */
    static String detect(String text) {
        int han = 0;
        int latin = 0;
        StringBuilder hanSample = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                han++;
                if (hanSample.length() < 4000) {
                    hanSample.append(c);
                }
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                latin++;
            }
        }
        // An English word is about five letters, a Chinese word about 1.5 characters: compare words, not characters.
        if (han == 0 && latin == 0) {
            return SIMPLIFIED;
        }
        if (latin / 5.0 > han / 1.5) {
            return ENGLISH;
        }
        String sample = hanSample.toString();
        String simplified = HanLP.convertToSimplifiedChinese(sample);
        int changed = 0;
        for (int i = 0; i < Math.min(sample.length(), simplified.length()); i++) {
            if (sample.charAt(i) != simplified.charAt(i)) {
                changed++;
            }
        }
        // About one character in ten differs between the scripts in running text; a few in a simplified text
        // are names or quotations.
        return changed * 25 > sample.length() ? TRADITIONAL : SIMPLIFIED;
    }
}
