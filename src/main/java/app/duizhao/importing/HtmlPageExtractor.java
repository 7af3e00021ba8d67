package app.duizhao.importing;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a full HTML page saved from a browser (or fetched from a URL): its metadata from {@code <meta>}, Open Graph and
 * JSON-LD, and its main text.
 *
 * <p>Metadata, first found wins: title from {@code og:title}, JSON-LD {@code headline}, {@code <title>}, the first
 * {@code <h1>}; author from {@code meta[name=author]}, JSON-LD {@code author.name}, {@code article:author}; date from
 * {@code article:published_time}, JSON-LD {@code datePublished}, {@code meta[name=pubdate|date]},
 * {@code time[datetime]}; canonical link from {@code link[rel=canonical]}, {@code og:url}, JSON-LD {@code url};
 * outlet from {@code og:site_name}, JSON-LD {@code publisher.name}.
 *
 * <p>Main text: a known article container ({@code [itemprop=articleBody]}, {@code article}, {@code main}, common CMS
 * classes) that holds most of the page's paragraph text; otherwise the container chosen by content density — each
 * paragraph's text length is credited to its parent and half to its grandparent, and a candidate's score is scaled by
 * one minus its link density, so navigation, link lists and footers lose. A fragment without such structure is kept
 * whole. The chosen container's HTML then goes through the cleaner like any other body.
 */
final class HtmlPageExtractor {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String KNOWN_CONTAINERS = "[itemprop=articleBody], article, main, [role=main], .article-content, "
            + ".article-body, .articleBody, .post-content, .entry-content, .story-body, .content-article, #article, "
            + "#articleBody, #content-article";
    private static final String PAGE_CHROME = "nav, header, footer, aside, form, [role=navigation], [role=banner], "
            + "[role=contentinfo], .nav, .navbar, .menu, .sidebar, .footer, .header, .comments, #comments";
    private static final int MIN_PARAGRAPH = 25;
    private static final int MAX_CANDIDATE_PARAGRAPHS = 5_000;

    private HtmlPageExtractor() {
    }

    static ParsedPost extract(String html, String baseName) {
        Document document = Jsoup.parse(html);
        List<JsonNode> jsonLd = jsonLd(document);

        String title = PostParser.cleanTitle(meta(document, "og:title"));
        if (title == null) {
            title = PostParser.cleanTitle(ld(jsonLd, "headline"));
        }
        if (title == null) {
            title = PostParser.cleanTitle(document.title());
        }
        if (title == null) {
            Element h1 = document.selectFirst("h1");
            title = h1 == null ? null : PostParser.cleanTitle(h1.text());
        }
        String author = PostParser.blankToNull(meta(document, "author"));
        if (author == null) {
            author = PostParser.blankToNull(ldName(jsonLd, "author"));
        }
        if (author == null) {
            String articleAuthor = meta(document, "article:author");
            author = articleAuthor != null && !articleAuthor.startsWith("http") ? PostParser.blankToNull(articleAuthor) : null;
        }
        OffsetDateTime published = PostDates.parse(meta(document, "article:published_time"));
        if (published == null) {
            published = PostDates.parse(ld(jsonLd, "datePublished"));
        }
        if (published == null) {
            published = PostDates.parse(firstNonNull(meta(document, "pubdate"), meta(document, "date"),
                    meta(document, "publishdate"), meta(document, "dc.date")));
        }
        if (published == null) {
            Element time = document.selectFirst("time[datetime]");
            published = time == null ? null : PostDates.parse(time.attr("datetime"));
        }
        String url = null;
        Element canonical = document.selectFirst("link[rel=canonical][href]");
        if (canonical != null) {
            url = PostParser.blankToNull(canonical.attr("href"));
        }
        if (url == null) {
            url = PostParser.blankToNull(meta(document, "og:url"));
        }
        if (url == null) {
            url = PostParser.blankToNull(ld(jsonLd, "url"));
        }
        if (url != null && !url.matches("(?i)https?://\\S+")) {
            url = null; // a relative canonical link says nothing about where the page lives
        }
        String siteName = PostParser.blankToNull(meta(document, "og:site_name"));
        if (siteName == null) {
            siteName = PostParser.blankToNull(ldName(jsonLd, "publisher"));
        }

        Element main = mainContainer(document);
        String body = main.html().strip();
        boolean titleFromBody = title == null;
        if (title == null) {
            title = PostParser.shorten(PostParser.orFallback(PostParser.firstNonEmptyLine(main.wholeText()), baseName));
        }
        return new ParsedPost(PostParser.orFallback(title, baseName), author, siteName != null ? siteName : author,
                url, published, List.of(), List.of(), body, ParsedPost.BodyFormat.HTML, titleFromBody);
    }

    /** The element holding the article's text (see the class comment). */
    static Element mainContainer(Document document) {
        Element body = document.body();
        int totalText = paragraphText(body);
        if (totalText == 0) {
            return body;
        }
        for (Element known : document.select(KNOWN_CONTAINERS)) {
            if (paragraphText(known) * 2 >= totalText) {
                return known;
            }
        }
        boolean hasChrome = !document.select(PAGE_CHROME).isEmpty();
        Map<Element, Double> scores = new IdentityHashMap<>();
        Elements paragraphs = body.select("p");
        int seen = 0;
        for (Element p : paragraphs) {
            if (++seen > MAX_CANDIDATE_PARAGRAPHS) {
                break;
            }
            int length = p.text().length();
            if (length < MIN_PARAGRAPH) {
                continue;
            }
            Element parent = p.parent();
            if (parent == null) {
                continue;
            }
            scores.merge(parent, (double) length, Double::sum);
            Element grandparent = parent.parent();
            if (grandparent != null) {
                scores.merge(grandparent, length / 2.0, Double::sum);
            }
        }
        Element best = null;
        double bestScore = 0;
        for (Map.Entry<Element, Double> entry : topCandidates(scores)) {
            double score = entry.getValue() * (1 - linkDensity(entry.getKey()));
            if (score > bestScore) {
                best = entry.getKey();
                bestScore = score;
            }
        }
        if (best == null || best == body) {
            return body;
        }
        // A plain fragment (no navigation, header or footer) is an article body already: keep all of it unless the
        // best container holds nearly everything anyway.
        if (!hasChrome && paragraphText(best) * 10 < totalText * 9) {
            return body;
        }
        return best;
    }

    private static List<Map.Entry<Element, Double>> topCandidates(Map<Element, Double> scores) {
        List<Map.Entry<Element, Double>> entries = new ArrayList<>(scores.entrySet());
        entries.sort(Map.Entry.<Element, Double>comparingByValue().reversed());
        return entries.subList(0, Math.min(10, entries.size()));
    }

    private static int paragraphText(Element root) {
        int total = 0;
        int seen = 0;
        for (Element p : root.select("p")) {
            if (++seen > MAX_CANDIDATE_PARAGRAPHS) {
                break;
            }
            total += p.text().length();
        }
        return total == 0 ? root.text().length() / 4 : total;
    }

    private static double linkDensity(Element element) {
        int text = element.text().length();
        if (text == 0) {
            return 1;
        }
        int links = 0;
        for (Element a : element.select("a")) {
            links += a.text().length();
        }
        return Math.min(1, (double) links / text);
    }

    private static String meta(Document document, String name) {
        for (Element meta : document.select("meta[content]")) {
            if (meta.attr("property").equalsIgnoreCase(name) || meta.attr("name").equalsIgnoreCase(name)
                    || meta.attr("itemprop").equalsIgnoreCase(name)) {
                String content = meta.attr("content").strip();
                if (!content.isEmpty()) {
                    return content;
                }
            }
        }
        return null;
    }

    /** The JSON-LD objects of the page that describe an article (NewsArticle, Article, BlogPosting…). */
    private static List<JsonNode> jsonLd(Document document) {
        List<JsonNode> articles = new ArrayList<>();
        List<JsonNode> others = new ArrayList<>();
        for (Element script : document.select("script[type=application/ld+json]")) {
            String data = script.data();
            if (data.length() > 500_000) {
                continue;
            }
            try {
                collect(JSON.readTree(data), articles, others, 0);
            } catch (JacksonException | IllegalArgumentException malformed) {
                // Broken JSON-LD is common; the other metadata sources still apply.
            }
        }
        articles.addAll(others);
        return articles;
    }

    private static void collect(JsonNode node, List<JsonNode> articles, List<JsonNode> others, int depth) {
        if (node == null || depth > 4) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                collect(item, articles, others, depth + 1);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.has("@graph")) {
            collect(node.get("@graph"), articles, others, depth + 1);
        }
        String type = node.path("@type").isArray() ? node.path("@type").path(0).asString("")
                : node.path("@type").asString("");
        if (type.endsWith("Article") || type.equals("BlogPosting") || type.equals("Report")) {
            articles.add(node);
        } else if (type.equals("WebPage")) {
            others.add(node);
        }
    }

    private static String ld(List<JsonNode> nodes, String field) {
        for (JsonNode node : nodes) {
            JsonNode value = node.get(field);
            if (value != null && value.isString() && !value.asString().isBlank()) {
                return value.asString().strip();
            }
        }
        return null;
    }

    /** {@code field.name}, where the field may be a string, an object or an array of either. */
    private static String ldName(List<JsonNode> nodes, String field) {
        for (JsonNode node : nodes) {
            JsonNode value = node.get(field);
            if (value == null) {
                continue;
            }
            List<String> names = new ArrayList<>();
            for (JsonNode item : value.isArray() ? value : List.of(value)) {
                String name = item.isString() ? item.asString() : item.path("name").asString("");
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
                if (names.size() >= 5) {
                    break;
                }
            }
            if (!names.isEmpty()) {
                return String.join(", ", names);
            }
        }
        return null;
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
