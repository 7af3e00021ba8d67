package app.duizhao.annotation;

import java.util.Locale;

/** Which text of a block a highlight is on: the Chinese source or the English (corrected if any, else machine). */
public enum Side {
    ZH, EN;

    /** The stored and transmitted form: {@code zh} or {@code en}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code zh} or {@code en}. */
    public static Side of(String code) {
        if (code == null) {
            throw new IllegalArgumentException("No side given: expected zh or en");
        }
        return switch (code.strip().toLowerCase(Locale.ROOT)) {
            case "zh" -> ZH;
            case "en" -> EN;
            default -> throw new IllegalArgumentException("Unknown side '" + code + "': expected zh or en");
        };
    }
}
