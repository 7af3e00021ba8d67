package app.duizhao.annotation;

import java.util.Locale;

/** The colours a highlight can have; the lower-case name is stored and used in CSS classes (dz-hl-yellow...). */
public enum HighlightColour {
    YELLOW, GREEN, BLUE, PINK, PURPLE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a colour name; unknown or missing names fall back to yellow. */
    public static HighlightColour of(String code) {
        if (code != null) {
            for (HighlightColour colour : values()) {
                if (colour.code().equalsIgnoreCase(code.strip())) {
                    return colour;
                }
            }
        }
        return YELLOW;
    }
}
