package app.duizhao.chinese;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Converts CC-CEDICT pinyin with tone numbers ({@code Zhong1 guo2}, {@code lu:4}) into pinyin with tone marks
 * ({@code Zhōng guó}, {@code lǜ}).
 *
 * <p>Rules: {@code u:}, {@code v} (and {@code U:}, {@code V}) become ü; tone 5 (neutral) and syllables without a
 * tone number get no mark; the mark goes on {@code a} or {@code e} if present, on the {@code o} of {@code ou},
 * otherwise on the last vowel. Capitals, spacing and anything that is not a syllable (Latin letters such as
 * {@code C} in {@code san1 C}, commas, dots) are kept as written.
 */
public final class Pinyin {

    private static final char[] COMBINING = {0, '\u0304', '\u0301', '\u030C', '\u0300'};

    private Pinyin() {
    }

    /** Converts every syllable of {@code numbered}, keeping separators; {@code null} gives {@code ""}. */
    public static String toToneMarks(String numbered) {
        if (numbered == null || numbered.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(numbered.length() + 4);
        int i = 0;
        int n = numbered.length();
        while (i < n) {
            char c = numbered.charAt(i);
            if (isPinyinLetter(c)) {
                int start = i;
                while (i < n && (isPinyinLetter(numbered.charAt(i)) || numbered.charAt(i) == ':')) {
                    i++;
                }
                int tone = 0;
                if (i < n && numbered.charAt(i) >= '1' && numbered.charAt(i) <= '5') {
                    tone = numbered.charAt(i) - '0';
                    i++;
                }
                out.append(syllable(numbered.substring(start, i - (tone > 0 ? 1 : 0)), tone));
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Converts a single syllable without its tone digit; {@code tone} 0 means none given. */
    private static String syllable(String letters, int tone) {
        String s = letters.replace("u:", "ü").replace("U:", "Ü");
        // "v" stands for ü only in a pinyin syllable that has a tone number (lv4, nv3); keep "V" in "Vlog" etc.
        if (tone > 0) {
            s = s.replace('v', 'ü').replace('V', 'Ü');
        }
        if (tone < 1 || tone > 4) {
            return s;
        }
        int at = markPosition(s);
        if (at < 0) {
            return s;
        }
        String marked = s.substring(0, at + 1) + COMBINING[tone] + s.substring(at + 1);
        return Normalizer.normalize(marked, Normalizer.Form.NFC);
    }

    private static int markPosition(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        int a = lower.indexOf('a');
        if (a >= 0) {
            return a;
        }
        int e = lower.indexOf('e');
        if (e >= 0) {
            return e;
        }
        int ou = lower.indexOf("ou");
        if (ou >= 0) {
            return ou;
        }
        for (int i = lower.length() - 1; i >= 0; i--) {
            if ("iouü".indexOf(lower.charAt(i)) >= 0) {
                return i;
            }
        }
        // Syllabic nasals: m2 → ḿ, n2 → ń, ng3 → ňg.
        int m = lower.indexOf('m');
        if (m >= 0 && lower.length() == 1) {
            return m;
        }
        int nn = lower.indexOf('n');
        if (nn == 0 && (lower.equals("n") || lower.equals("ng"))) {
            return 0;
        }
        return -1;
    }

    private static boolean isPinyinLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == 'ü' || c == 'Ü';
    }
}
