package app.duizhao.input;

import java.util.OptionalInt;

/**
 * Checks that text is valid Unicode: every UTF-16 surrogate in its pair. A lone surrogate (JSON's {@code "\ud800"})
 * can be stored, but no UTF-8 or ISO-8859-1 writer can encode it, so every export of the article would fail later;
 * it is refused at the door instead.
 */
public final class UnicodeText {

    private UnicodeText() {
    }

    /** The index of the first lone surrogate in {@code text}, or empty when it is valid Unicode. */
    public static OptionalInt firstLoneSurrogate(CharSequence text) {
        if (text == null) {
            return OptionalInt.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return OptionalInt.of(i);
            }
            if (Character.isLowSurrogate(c)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** Whether {@code text} is valid Unicode (no lone surrogate). */
    public static boolean isValid(CharSequence text) {
        return firstLoneSurrogate(text).isEmpty();
    }

    /**
     * The index of the first {@code \}{@code uXXXX} escape in a JSON text that decodes to a lone surrogate, or empty.
     * Escaped backslashes are skipped, so {@code "\\ud800"} (a backslash, then letters) is not one.
     */
    public static OptionalInt firstLoneSurrogateEscape(CharSequence json) {
        int pendingHigh = -1;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != '\\') {
                // Raw characters come from strict UTF-8 decoding, so their surrogates are always paired.
                if (pendingHigh >= 0) {
                    return OptionalInt.of(pendingHigh);
                }
                continue;
            }
            if (i + 1 >= json.length()) {
                break;
            }
            char escaped = json.charAt(i + 1);
            if (escaped != 'u' || i + 6 > json.length()) {
                if (pendingHigh >= 0) {
                    return OptionalInt.of(pendingHigh);
                }
                i++;
                continue;
            }
            int unit;
            try {
                unit = Integer.parseInt(json.subSequence(i + 2, i + 6).toString(), 16);
            } catch (NumberFormatException e) {
                i += 1;
                continue; // malformed: the JSON parser answers that one
            }
            if (Character.isHighSurrogate((char) unit)) {
                if (pendingHigh >= 0) {
                    return OptionalInt.of(pendingHigh);
                }
                pendingHigh = i;
            } else if (Character.isLowSurrogate((char) unit)) {
                if (pendingHigh < 0) {
                    return OptionalInt.of(i);
                }
                pendingHigh = -1;
            } else if (pendingHigh >= 0) {
                return OptionalInt.of(pendingHigh);
            }
            i += 5;
        }
        return pendingHigh >= 0 ? OptionalInt.of(pendingHigh) : OptionalInt.empty();
    }
}
