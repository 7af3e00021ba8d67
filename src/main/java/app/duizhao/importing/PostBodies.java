package app.duizhao.importing;

import app.duizhao.base.Html;
import app.duizhao.base.Markdown;

/**
 * A post's body as HTML for the cleaner. Markdown goes through commonmark-java ({@link Markdown}) with a safe policy: HTML the author
 * wrote inside the Markdown is escaped to text and unsafe link targets ({@code javascript:} and the like) are
 * dropped, so the cleaner never sees markup that is not the Markdown's own. Plain text becomes paragraphs at blank
 * lines.
 */
final class PostBodies {

    private PostBodies() {
    }

    /** The body as HTML: HTML as is, Markdown rendered, plain text split into paragraphs. */
    static String html(ParsedPost post) {
        return switch (post.bodyFormat()) {
            case HTML -> post.body();
            case MARKDOWN -> markdownToHtml(post.body());
            case TEXT -> textToHtml(post.body());
        };
    }

    static String markdownToHtml(String markdown) {
        return Markdown.toHtml(markdown);
    }

    /** Paragraphs at blank lines, line breaks kept as {@code <br>}, everything escaped. */
    static String textToHtml(String text) {
        StringBuilder html = new StringBuilder();
        StringBuilder paragraph = new StringBuilder();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty()) {
                closeParagraph(html, paragraph);
            } else {
                paragraph.append(paragraph.isEmpty() ? "" : "<br>").append(Html.escape(line));
            }
        }
        closeParagraph(html, paragraph);
        return html.toString();
    }

    private static void closeParagraph(StringBuilder html, StringBuilder paragraph) {
        if (!paragraph.isEmpty()) {
            html.append("<p>").append(paragraph).append("</p>\n");
            paragraph.setLength(0);
        }
    }
}
