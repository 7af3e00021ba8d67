package app.duizhao.chinese;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * One pinyin syllable with tone marks and its tone.
 *
 * @param text the syllable as shown, e.g. {@code háng}
 * @param tone 1-4, or 5 for the neutral tone (and for anything without a mark)
 */
public record Syllable(String text, int tone) {

    /** Splits tone-marked pinyin ({@code yín háng}) into syllables, reading each one's tone from its mark. */
    public static List<Syllable> of(String toneMarked) {
        List<Syllable> out = new ArrayList<>();
        if (toneMarked == null || toneMarked.isBlank()) {
            return out;
        }
        for (String s : toneMarked.strip().split("\\s+")) {
            out.add(new Syllable(s, tone(s)));
        }
        return out;
    }

    static int tone(String syllable) {
        String d = Normalizer.normalize(syllable, Normalizer.Form.NFD);
        for (int i = 0; i < d.length(); i++) {
            switch (d.charAt(i)) {
                case '\u0304' -> { return 1; }
                case '\u0301' -> { return 2; }
                case '\u030C' -> { return 3; }
                case '\u0300' -> { return 4; }
                default -> { }
            }
        }
        return 5;
    }
}
