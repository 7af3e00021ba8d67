package app.duizhao.cleaning;

/**
 * Normalises the whitespace of block text without touching punctuation.
 *
 * <p>Feeds mix TAB, CR, NBSP, U+2028, BOMs and zero-width characters into their text; readers (and translators) only
 * ever need one plain space. Full-width and half-width punctuation is kept exactly as written because it carries
 * meaning in Chinese text. Private-use characters (icon fonts) and control characters are dropped. The ideographic
 * space U+3000 is kept inside a text (Chinese titles use it as a separator) but trimmed at both ends, where it is
 * only indentation.
 */
final class TextNormalizer {

    private TextNormalizer() {
    }

    /** Collapses whitespace runs to one space, drops invisible and private-use characters, and trims. */
    static String normalize(CharSequence text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = text.toString();
        if (s.indexOf('&') >= 0 && s.contains("&nbsp;")) {
            // Double-escaped entities (the feed escaped "&nbsp;" once more) show up literally; they are only spaces.
            s = s.replace("&nbsp;", " ");
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isSpace(cp)) {
                pendingSpace = true;
                continue;
            }
            if (isDropped(cp)) {
                continue;
            }
            if (pendingSpace && out.length() > 0) {
                out.append(' ');
            }
            pendingSpace = false;
            out.appendCodePoint(cp);
        }
        return trimIdeographicSpace(out);
    }

    /** Whether {@code cp} counts as whitespace to collapse (includes NBSP, line separators and zero-width spaces). */
    static boolean isSpace(int cp) {
        return switch (cp) {
            case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u0085', '\u00A0', '\u1680', '\u2028', '\u2029', '\u202F',
                 '\u205F', '\uFEFF', '\u200B', '\u180E' -> true;
            default -> cp >= '\u2000' && cp <= '\u200A';
        };
    }

    private static boolean isDropped(int cp) {
        if (cp == '\u200C' || cp == '\u200D' || cp == '\u2060' || cp == '\u00AD' || cp == '\uFFFD') {
            // Zero-width (non-)joiners, word joiner, soft hyphen and the replacement character carry nothing readable.
            // ZWJ inside emoji sequences is lost too; the emoji themselves stay.
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.PRIVATE_USE || type == Character.CONTROL || type == Character.SURROGATE
                || type == Character.UNASSIGNED && cp > 0xFFFF && cp >= 0xF0000;
    }

    private static String trimIdeographicSpace(StringBuilder out) {
        int start = 0;
        int end = out.length();
        while (start < end && out.charAt(start) == '\u3000') {
            start++;
        }
        while (end > start && out.charAt(end - 1) == '\u3000') {
            end--;
        }
        String result = out.substring(start, end);
        return result.strip();
    }
}
