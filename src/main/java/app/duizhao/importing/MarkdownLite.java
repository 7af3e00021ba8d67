package app.duizhao.importing;

import org.jsoup.nodes.Entities;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately small Markdown-to-HTML conversion for pasted posts: ATX headings, block quotes, list items,
 * paragraphs at blank lines, {@code **bold**}, {@code *italic*} and {@code [text](url)}. Everything is HTML-escaped
 * first, so the cleaner never sees markup the author did not write.
 */
final class MarkdownLite {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern LIST_ITEM = Pattern.compile("^(?:[*+-]|\\d{1,3}[.)])\\s+(.*)$");
    private static final Pattern LINK = Pattern.compile("\\[([^]\\n]{1,300})]\\(([^)\\s]{1,2000})\\)");
    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*\\n]{1,500})\\*\\*");
    private static final Pattern ITALIC = Pattern.compile("(?<![*\\w])\\*([^*\\n]{1,500})\\*(?![*\\w])");

    private MarkdownLite() {
    }

    static String toHtml(String markdown) {
        StringBuilder html = new StringBuilder();
        StringBuilder paragraph = new StringBuilder();
        for (String raw : markdown.split("\n", -1)) {
            String line = raw.strip();
            Matcher heading = HEADING.matcher(line);
            Matcher item = LIST_ITEM.matcher(line);
            if (line.isEmpty()) {
                closeParagraph(html, paragraph);
            } else if (heading.matches()) {
                closeParagraph(html, paragraph);
                int level = heading.group(1).length();
                html.append("<h").append(level).append('>').append(inline(heading.group(2)))
                        .append("</h").append(level).append(">\n");
            } else if (line.startsWith(">")) {
                closeParagraph(html, paragraph);
                html.append("<blockquote><p>").append(inline(line.substring(1).strip())).append("</p></blockquote>\n");
            } else if (item.matches()) {
                closeParagraph(html, paragraph);
                html.append("<ul><li>").append(inline(item.group(1))).append("</li></ul>\n");
            } else {
                paragraph.append(paragraph.isEmpty() ? "" : " ").append(line);
            }
        }
        closeParagraph(html, paragraph);
        return html.toString();
    }

    static String textToHtml(String text) {
        StringBuilder html = new StringBuilder();
        StringBuilder paragraph = new StringBuilder();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty()) {
                if (!paragraph.isEmpty()) {
                    html.append("<p>").append(paragraph).append("</p>\n");
                    paragraph.setLength(0);
                }
            } else {
                paragraph.append(paragraph.isEmpty() ? "" : "<br>").append(Entities.escape(line));
            }
        }
        if (!paragraph.isEmpty()) {
            html.append("<p>").append(paragraph).append("</p>\n");
        }
        return html.toString();
    }

    private static void closeParagraph(StringBuilder html, StringBuilder paragraph) {
        if (!paragraph.isEmpty()) {
            html.append("<p>").append(inline(paragraph.toString())).append("</p>\n");
            paragraph.setLength(0);
        }
    }

    private static String inline(String text) {
        String escaped = Entities.escape(text);
        escaped = LINK.matcher(escaped).replaceAll(m -> Matcher.quoteReplacement(
                "<a href=\"" + m.group(2) + "\">" + m.group(1) + "</a>"));
        escaped = BOLD.matcher(escaped).replaceAll("<b>$1</b>");
        return ITALIC.matcher(escaped).replaceAll("<i>$1</i>");
    }
}
