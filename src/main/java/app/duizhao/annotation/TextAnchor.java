package app.duizhao.annotation;

import java.util.Optional;

/**
 * Anchors a quoted span of a block's text the way the W3C Web Annotation model does: by the quote itself with a
 * little context around it (TextQuoteSelector: exact, prefix, suffix) and by its character offsets
 * (TextPositionSelector: start, end), which are only a hint. When the text changed (a re-translation, a corrected
 * paragraph) the quote is searched again: of all its occurrences, the one whose surroundings match the prefix and
 * suffix best wins, and among equals the one nearest the old offsets. A quote that no longer occurs is orphaned.
 * Pure and stateless.
 */
public final class TextAnchor {

    /** How many characters of context are kept on each side of a quote. */
    public static final int CONTEXT = 32;

    private TextAnchor() {
    }

    /**
     * A quote with its context and the offsets where it was last found.
     *
     * @param start offset of the first character, in UTF-16 units of the block's text
     * @param end   offset after the last character
     */
    public record Quote(String exact, String prefix, String suffix, int start, int end) {

        public Quote {
            prefix = prefix == null ? "" : prefix;
            suffix = suffix == null ? "" : suffix;
        }
    }

    /** Where a quote was found. */
    public record Range(int start, int end) {
    }

    /**
     * Describes the span {@code [start, end)} of {@code text} as a quote with context.
     *
     * @throws IllegalArgumentException when the span is empty or outside the text
     */
    public static Quote describe(String text, int start, int end) {
        if (text == null || start < 0 || end > text.length() || start >= end) {
            throw new IllegalArgumentException("The selection [" + start + ", " + end + ") is not inside the text");
        }
        return new Quote(text.substring(start, end), text.substring(Math.max(0, start - CONTEXT), start),
                text.substring(end, Math.min(text.length(), end + CONTEXT)), start, end);
    }

    /** Finds {@code quote} in {@code text}; empty when it no longer occurs there (the annotation is orphaned). */
    public static Optional<Range> resolve(String text, Quote quote) {
        if (text == null || quote == null || quote.exact() == null || quote.exact().isEmpty()) {
            return Optional.empty();
        }
        String exact = quote.exact();
        int best = -1;
        int bestScore = -1;
        int bestDistance = Integer.MAX_VALUE;
        for (int at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) {
            int score = commonSuffix(text.substring(0, at), quote.prefix())
                    + commonPrefix(text.substring(at + exact.length()), quote.suffix());
            int distance = Math.abs(at - quote.start());
            if (score > bestScore || (score == bestScore && distance < bestDistance)) {
                best = at;
                bestScore = score;
                bestDistance = distance;
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(new Range(best, best + exact.length()));
    }

    /** How many characters at the end of {@code text} equal the end of {@code prefix}. */
    private static int commonSuffix(String text, String prefix) {
        int n = 0;
        while (n < text.length() && n < prefix.length()
                && text.charAt(text.length() - 1 - n) == prefix.charAt(prefix.length() - 1 - n)) {
            n++;
        }
        return n;
    }

    /** How many characters at the start of {@code text} equal the start of {@code suffix}. */
    private static int commonPrefix(String text, String suffix) {
        int n = 0;
        while (n < text.length() && n < suffix.length() && text.charAt(n) == suffix.charAt(n)) {
            n++;
        }
        return n;
    }
}
