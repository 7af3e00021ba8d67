package app.duizhao.export;

import app.duizhao.library.WebLinks;

import java.util.Optional;

/**
 * Makes text that came from outside (a post, an LLM, an imported export) safe inside Markdown, which most renderers
 * let carry raw HTML: {@code & < >} become entities (so {@code <script>} shows as text, and so does text that was
 * {@code &lt;script&gt;} in the source), and backslashes and square brackets are escaped, so the text cannot open a
 * link, an image or a link reference definition. Link and image addresses pass only as parsed http(s) URLs.
 */
final class MarkdownText {

    private MarkdownText() {
    }

    /** The text, HTML-escaped and with Markdown's link syntax neutralised. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\\' -> out.append("\\\\");
                case '[' -> out.append("\\[");
                case ']' -> out.append("\\]");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The address as a Markdown link destination, or empty when it is not an http(s) URL. Parsed URLs hold no
     * spaces or angle brackets; parentheses are percent-encoded so none can close the destination early.
     */
    static Optional<String> destination(String address) {
        return WebLinks.web(address).map(url -> url.replace("(", "%28").replace(")", "%29"));
    }
}
