package app.duizhao.importing;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a post file or a paste: a Jekyll post (YAML front matter, then the feed body), an HTML page, or plain text.
 *
 * <p>Front matter is YAML ({@link YamlFrontMatter}) or TOML ({@link TomlFrontMatter}); dates are read by
 * {@link PostDates}. The feed header that follows the front matter —
 * {@code <!--pubDate-->} and the setext link {@code [title](url)} over {@code ------} — is stripped from the body.
 *
 * <p>Body formats: {@link ParsedPost.BodyFormat#HTML} when the body has tags, {@link ParsedPost.BodyFormat#MARKDOWN}
 * when it has Markdown syntax (headings, lists, quotes, emphasis, links) and no tags — the body is then handed through
 * as written, and {@link #bodyAsHtml(ParsedPost)} renders it for the cleaner — and
 * {@link ParsedPost.BodyFormat#TEXT} otherwise.
 */
public final class PostParser {

    private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9:-]{0,30}(?:\\s[^<>]{0,2000})?/?>");
    private static final Pattern HTML_DOCUMENT = Pattern.compile(
            "(?i)<(?:!doctype|html|head|body|article|p|div|h1|title)(?:\\s[^<>]{0,2000})?/?>");
    private static final Pattern PUBDATE_MARKER = Pattern.compile("<!--\\s*\\d+\\s*-->");
    private static final Pattern SOURCE_LINK = Pattern.compile("^\\[(.*)]\\((\\S*)\\)\\s*$");
    private static final Pattern SETEXT_UNDERLINE = Pattern.compile("^(?:-{2,}|={2,})\\s*$");
    private static final Pattern MARKDOWN_HINT = Pattern.compile(
            "(?m)^(?:#{1,6}\\s|>\\s|[*+-]\\s|\\d{1,3}[.)]\\s)|\\*\\*[^*\\n]{1,200}\\*\\*|\\[[^]\\n]{1,300}]\\([^)\\s]{1,2000}\\)");
    private static final int TITLE_FROM_TEXT_LENGTH = 80;

    /**
     * Parses a post.
     *
     * @param text     the file content or paste
     * @param fileName the file name (used for the title when nothing better exists); may be {@code null}
     * @throws ImportException for a post-shaped file that cannot be used (unclosed front matter, nothing in it)
     */
    public ParsedPost parse(String text, String fileName) {
        String content = text == null ? "" : text;
        if (!content.isEmpty() && content.charAt(0) == '\uFEFF') {
            content = content.substring(1);
        }
        String baseName = baseName(fileName);
        String leading = content.stripLeading();
        if (leading.startsWith("---") && firstLine(leading).strip().equals("---")) {
            return parseJekyll(leading, baseName, false);
        }
        if (leading.startsWith("+++") && firstLine(leading).strip().equals("+++")) {
            return parseJekyll(leading, baseName, true);
        }
        if (content.isBlank()) {
            throw new ImportException("There is nothing to import: the text is empty.");
        }
        if (HTML_DOCUMENT.matcher(content).find()) {
            return HtmlPageExtractor.extract(content, baseName);
        }
        String body = content.strip();
        String title = firstNonEmptyLine(body);
        title = title == null ? baseName : shorten(title);
        return new ParsedPost(orFallback(title, baseName), null, null, null, null, List.of(), List.of(), body,
                formatOf(body), true);
    }

    /**
     * The body as HTML for the cleaner: HTML as is; Markdown rendered by commonmark-java (its own HTML escaped);
     * plain text split into paragraphs at blank lines.
     */
    public static String bodyAsHtml(ParsedPost post) {
        return PostBodies.html(post);
    }

    /** A Jekyll/Hugo post: YAML front matter between {@code ---} lines, or TOML between {@code +++} lines. */
    private ParsedPost parseJekyll(String content, String baseName, boolean toml) {
        List<String> lines = content.lines().toList();
        int close = -1;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (toml ? line.equals("+++") : line.equals("---") || line.equals("...")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            throw new ImportException("The front matter is not closed: the line '" + (toml ? "+++" : "---")
                    + "' that ends it is missing.");
        }
        String frontMatter = String.join("\n", lines.subList(1, close));
        Map<String, Object> fields = toml ? TomlFrontMatter.read(frontMatter) : YamlFrontMatter.read(frontMatter);
        Map<String, String> raw = toml ? new LinkedHashMap<>() : YamlFrontMatter.readLenient(frontMatter);
        if (toml && fields.get("date") != null) {
            raw.put("date", String.valueOf(fields.get("date")));
        }

        String body = String.join("\n", lines.subList(close + 1, lines.size()));
        HeaderStrip header = stripFeedHeader(body);
        body = header.body().strip();

        String title = cleanTitle(string(fields.get("title")));
        if (title == null) {
            title = cleanTitle(header.title());
        }
        boolean fromBody = false;
        if (title == null && !body.isEmpty()) {
            title = titleFromBody(body);
            fromBody = true;
        }
        if (title == null && body.isEmpty()) {
            throw new ImportException("The post has neither a title nor a body: there is nothing to import.");
        }
        String author = blankToNull(string(first(fields, "author", "authors")));
        String sourceUrl = blankToNull(string(first(fields, "from", "source", "link", "canonical", "canonicalURL",
                "canonical_url", "original")));
        if (sourceUrl == null) {
            sourceUrl = blankToNull(header.url());
        }
        List<String> tags = list(fields.get("tags"));
        List<String> categories = list(fields.get("categories"));
        String sourceName = !categories.isEmpty() ? categories.getFirst() : !tags.isEmpty() ? tags.getFirst() : author;
        String rawDate = raw.get("date") != null ? raw.get("date") : raw.get("publishDate");
        OffsetDateTime publishedAt = PostDates.parse(rawDate != null ? YamlFrontMatter.unquote(rawDate) : null);
        if (publishedAt == null && first(fields, "date", "publishDate") instanceof Date date) {
            publishedAt = date.toInstant().atOffset(ZoneOffset.UTC);
        }
        return new ParsedPost(orFallback(title, baseName), author, sourceName, sourceUrl, publishedAt, tags, categories,
                body, formatOf(body), fromBody);
    }

    private record HeaderStrip(String body, String title, String url) {
    }

    /** Removes {@code <!--pubDate-->} and the {@code [title](url)} / {@code ------} source-link header. */
    private static HeaderStrip stripFeedHeader(String body) {
        List<String> lines = new ArrayList<>(body.lines().toList());
        String title = null;
        String url = null;
        int i = 0;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        if (i < lines.size() && PUBDATE_MARKER.matcher(lines.get(i).strip()).matches()) {
            lines.set(i, "");
            i++;
        }
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        if (i + 1 < lines.size() && SETEXT_UNDERLINE.matcher(lines.get(i + 1)).matches()) {
            Matcher link = SOURCE_LINK.matcher(lines.get(i).strip());
            if (link.matches()) {
                title = link.group(1);
                url = link.group(2);
                lines.set(i, "");
                lines.set(i + 1, "");
            }
        }
        return new HeaderStrip(String.join("\n", lines), title, url);
    }

    private static String titleFromBody(String body) {
        if (HTML_TAG.matcher(body).find()) {
            Document doc = Jsoup.parseBodyFragment(body);
            Element heading = doc.selectFirst("h1, h2, title");
            String text = heading != null ? heading.text() : firstNonEmptyLine(doc.body().wholeText());
            return text == null ? null : shorten(cleanTitle(text));
        }
        String line = firstNonEmptyLine(body);
        return line == null ? null : shorten(cleanTitle(line.replaceFirst("^#{1,6}\\s+", "")));
    }

    static ParsedPost.BodyFormat formatOf(String body) {
        if (HTML_TAG.matcher(body).find()) {
            return ParsedPost.BodyFormat.HTML;
        }
        if (MARKDOWN_HINT.matcher(body).find()) {
            return ParsedPost.BodyFormat.MARKDOWN;
        }
        return ParsedPost.BodyFormat.TEXT;
    }

    static String cleanTitle(String title) {
        if (title == null) {
            return null;
        }
        String t = title.replaceAll("[\\s\\u00A0\\u2028\\u2029\\uFEFF]+", " ").strip();
        return t.isEmpty() ? null : t;
    }

    private static String string(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Collection<?> c) {
            return c.isEmpty() ? null : String.valueOf(c.iterator().next());
        }
        return String.valueOf(value);
    }

    private static List<String> list(Object value) {
        List<String> items = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            for (Object item : c) {
                if (item != null && !String.valueOf(item).isBlank()) {
                    items.add(String.valueOf(item).strip());
                }
            }
        } else if (value != null && !String.valueOf(value).isBlank()) {
            items.add(String.valueOf(value).strip());
        }
        return items;
    }

    /** The first of {@code keys} that has a non-blank value (Hugo and Jekyll name the same thing differently). */
    private static Object first(Map<String, Object> fields, String... keys) {
        for (String key : keys) {
            Object value = fields.get(key);
            if (value != null && !String.valueOf(value).isBlank()
                    && !(value instanceof Collection<?> c && c.isEmpty())) {
                return value;
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String firstNonEmptyLine(String text) {
        if (text == null) {
            return null;
        }
        for (String line : text.split("\n")) {
            String cleaned = cleanTitle(line);
            if (cleaned != null) {
                return cleaned;
            }
        }
        return null;
    }

    static String shorten(String s) {
        if (s == null) {
            return null;
        }
        if (s.codePointCount(0, s.length()) <= TITLE_FROM_TEXT_LENGTH) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, TITLE_FROM_TEXT_LENGTH - 1)).strip() + "…";
    }

    private static String baseName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "Untitled";
        }
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        name = name.strip();
        return name.isEmpty() ? "Untitled" : name;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String orFallback(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
