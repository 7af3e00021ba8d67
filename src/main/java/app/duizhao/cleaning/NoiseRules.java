package app.duizhao.cleaning;

import org.jsoup.nodes.Comment;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides which elements of a feed body are noise, source by source (see {@code SOURCES.md} of the test corpus).
 *
 * <p>Element rules look at tags, ids, classes and a few attributes only, so they cost O(1) per element; the few
 * text-based rules read an element's own text or a bounded amount of its descendants, never a whole subtree, so a
 * 10,000-deep tree stays linear.
 */
final class NoiseRules {

    /** Dates and times as feeds print them in their header lines ("Wed, 16 Dec 2020 13:54:57 GMT", "1 小时前"...). */
    static final Pattern DATE_LINE = Pattern.compile(
            "(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6},?\\s{1,3})?\\d{1,2}\\s[A-Z][a-z]{2,8}\\s\\d{4}"
                    + "(?:\\s\\d{1,2}:\\d{2}(?::\\d{2})?)?(?:\\s(?:GMT|UTC|[+-]\\d{4}))?"
                    + "|\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}(?:[T ]{1,3}\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\.\\d{1,9})?)?"
                    + "(?:Z|[+-]\\d{2}:?\\d{2}|\\s?GMT|\\s?UTC)?"
                    + "|\\d{1,2}/\\d{1,2}/\\d{4}(?:\\s{0,3}-?\\s{0,3}\\d{1,2}:\\d{2})?"
                    + "|[A-Z][a-z]{2,8}\\.?\\s\\d{1,2}(?:st|nd|rd|th)?,?\\s\\d{4}"
                    + "|\\d{1,2}(?:st|nd|rd|th)?\\s[A-Z][a-z]{2,8},?\\s\\d{4}"
                    + "|\\d{4}年\\d{1,2}月\\d{1,2}日(?:\\s{0,3}\\d{1,2}:\\d{2})?"
                    + "|(?:最近更新[：:]\\s?)?\\d{1,3}\\s?(?:分钟|分鐘|小时|小時|天)前");

    /**
     * Feed date headers only occur before the article text starts: a date line after this many characters of text is
     * content (a timeline, a dateline) and stays.
     */
    private static final int HEADER_ZONE = 150;

    private static final List<String> AD_CLASS_PREFIXES = List.of("adslot", "dfp-", "o-ads", "in-article-advert",
            "advert", "adsbygoogle", "ad-container", "adcontainer", "dotcom-ad", "ad-slot", "ads_", "code-block",
            "bottomarticlebanner");
    private static final List<String> SHARE_CLASS_PREFIXES = List.of("share", "social-share", "sharedaddy",
            "addthis", "sharing", "post-share", "a2a_");
    private static final List<String> EMBED_CLASS_PREFIXES = List.of("social-embed", "infogram-embed",
            "bbc-news-vj-embed", "embed-iframe", "twitter-tweet", "instagram-media");

    private NoiseRules() {
    }

    /** Removes noise from {@code root} in place, recording each removal, and returns the number removed. */
    static void strip(Element root, String title, Removals removals) {
        int[] textSeen = {0};
        // Removed nodes are skipped during the walk and replaced by position markers afterwards (see Removals).
        List<Node> removedNodes = new java.util.ArrayList<>();
        List<Integer> removedIndexes = new java.util.ArrayList<>();
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    if (textSeen[0] < HEADER_ZONE) {
                        textSeen[0] += TextNormalizer.normalize(text.getWholeText()).length();
                    }
                    return FilterResult.CONTINUE;
                }
                if (node instanceof Comment comment) {
                    if (Removals.markerIndex(comment) >= 0) {
                        return FilterResult.CONTINUE;
                    }
                    removedNodes.add(node);
                    removedIndexes.add(removals.add("comment", comment.getData()));
                    return FilterResult.SKIP_ENTIRELY;
                }
                if (node instanceof Element element && element != root) {
                    String reason = reasonFor(element, removals, textSeen[0] < HEADER_ZONE);
                    if (reason != null) {
                        removedNodes.add(node);
                        removedIndexes.add(removals.add(reason, describe(element)));
                        return FilterResult.SKIP_ENTIRELY;
                    }
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                return FilterResult.CONTINUE;
            }
        }, root);
        for (int i = 0; i < removedNodes.size(); i++) {
            removedNodes.get(i).replaceWith(Removals.marker(removedIndexes.get(i)));
        }
    }

    /** The removal reason for {@code e}, or {@code null} to keep it. May rewrite a feed header into a byline. */
    static String reasonFor(Element e, Removals removals, boolean inHeaderZone) {
        String tag = e.normalName();
        switch (tag) {
            case "script", "noscript" -> {
                return "script";
            }
            case "style" -> {
                return "style";
            }
            case "iframe", "embed", "object", "frame", "frameset" -> {
                return "iframe";
            }
            case "video", "audio" -> {
                return "video";
            }
            case "svg", "template", "button", "form", "input", "select", "textarea", "canvas", "meta", "link",
                 "head", "title" -> {
                return "widget";
            }
            default -> {
            }
        }
        String id = e.id().toLowerCase(Locale.ROOT);
        String cls = e.className().toLowerCase(Locale.ROOT);

        // Zaobao (old and new markup): DFP and Innity ad slots, the SPH paywall placeholder and subscribe banners.
        if (id.startsWith("dfp-ad") || id.startsWith("innity") || "section".equals(tag) && "imu".equals(id)) {
            return "ad";
        }
        if (cls.contains("cx_paywall") || id.startsWith("sph_cdp") || cls.contains("paywall")) {
            return "paywall";
        }
        if ("a".equals(tag) && e.attr("href").contains("subscribe.sph.com.sg")) {
            return "subscribe";
        }
        if ("img".equals(tag)) {
            String src = e.attr("src") + " " + e.attr("data-src");
            if (src.contains("freemium_images") || src.contains("subscribe.sph.com.sg")) {
                return "subscribe";
            }
            if (ImageUrls.isTrackingPixel(e)) {
                return "tracking-pixel";
            }
            return ImageUrls.isIcon(e) ? "widget" : null;
        }
        if (id.startsWith("adslot") || hasClassPrefix(e, AD_CLASS_PREFIXES) || e.hasAttr("data-o-ads-name")) {
            return "ad";
        }
        // CNA "延伸閱讀" boxes, other related-article lists.
        if (cls.contains("morearticle") || hasClassPrefix(e, List.of("related", "yarpp", "jp-relatedposts"))) {
            return "related-links";
        }
        // CNA's newsletter sign-up box, other newsletter/subscription widgets.
        if (hasClassPrefix(e, List.of("subscri", "mysubscri", "newsletter", "epaper"))) {
            return "subscribe";
        }
        if (hasClassPrefix(e, SHARE_CLASS_PREFIXES)) {
            return "share";
        }
        if (hasClassPrefix(e, EMBED_CLASS_PREFIXES)) {
            return "embed";
        }
        // RFI self-promotion (newsletter/app), Bitter Winter donation <picture> widget.
        if (cls.contains("o-self-promo") || cls.contains("donate-us") || "section".equals(tag) && cls.contains("widget")
                || "picture".equals(tag) && e.closest("a") != null) {
            return "promo";
        }
        if ("nav".equals(tag) || "footer".equals(tag)) {
            return "navigation";
        }
        // The Economist's print-edition footnote, RFI's agency copyright line.
        if ("footnote".equalsIgnoreCase(e.attr("data-test-id")) || cls.contains("t-copyright")) {
            return "feed-footer";
        }
        // RFA: lists of links to earlier reports.
        if (("ul".equals(tag) || "ol".equals(tag)) && isExternalLinkList(e)) {
            return "related-links";
        }
        // BBC: bulleted lists of links to earlier stories inside the article.
        if (("ul".equals(tag) || "ol".equals(tag))
                && (cls.contains("bulletedlist") || cls.contains("story-body__unordered-list")) && isLinkOnlyList(e)) {
            return "related-links";
        }
        if ("a".equals(tag)) {
            String text = boundedText(e, 8, 20);
            if (text == null) {
                return null;
            }
            if (text.equals("...more") || text.equals("…more") || text.equals("more")) {
                return "source-link"; // RTI teasers end with a link back to the full story.
            }
            return null;
        }
        if ("div".equals(tag) || "p".equals(tag) || "aside".equals(tag) || "section".equals(tag)) {
            String own = TextNormalizer.normalize(e.ownText());
            if (own.startsWith("获取更多RSS") || own.startsWith("獲取更多RSS")) {
                return "feed-footer";
            }
            if (own.startsWith("The post") && own.contains("appeared") && own.length() < 80) {
                return "feed-footer"; // Bitter Winter / CDT "The post … first appeared on …"
            }
            if (own.equals("延伸閱讀") || own.equals("延伸阅读")) {
                return "related-links";
            }
            if (!inHeaderZone) {
                return null;
            }
            if ("div".equals(tag) && isFeedxHeader(e, removals)) {
                return "date-header";
            }
            String shortText = boundedText(e, 12, 60);
            if (shortText != null && !shortText.isEmpty() && DATE_LINE.matcher(shortText).matches()) {
                return "date-header";
            }
        }
        if (inHeaderZone && "time".equals(tag)) {
            String when = boundedText(e, 6, 60);
            if (when != null && DATE_LINE.matcher(when).matches()) {
                return "date-header";
            }
        }
        return null;
    }

    /**
     * feedx puts {@code <div><i>date</i></div>} (NYT: {@code <i>author<br>date</i>}) before the article. The date is
     * dropped; an author line left over is marked as a byline and the div is kept.
     */
    private static boolean isFeedxHeader(Element div, Removals removals) {
        if (div.childrenSize() != 1 || !"i".equals(div.child(0).normalName())
                || !TextNormalizer.normalize(div.ownText()).isEmpty()) {
            return false;
        }
        Element italic = div.child(0);
        boolean sawDate = false;
        boolean sawOther = false;
        for (Node child : italic.childNodes()) {
            if (child instanceof TextNode text) {
                String t = TextNormalizer.normalize(text.getWholeText());
                if (DATE_LINE.matcher(t).matches()) {
                    sawDate = true;
                } else if (!t.isEmpty()) {
                    sawOther = true;
                }
            } else if (child instanceof Element el && !"br".equals(el.normalName())) {
                return false;
            }
        }
        if (!sawDate) {
            return false;
        }
        if (!sawOther) {
            return true;
        }
        for (Node child : List.copyOf(italic.childNodes())) {
            if (child instanceof TextNode text && DATE_LINE.matcher(TextNormalizer.normalize(text.getWholeText())).matches()) {
                int index = removals.add("date-header", TextNormalizer.normalize(text.getWholeText()));
                text.replaceWith(Removals.marker(index));
            }
        }
        div.attr(BlockCollector.KIND_ATTRIBUTE, BlockKind.BYLINE.code());
        return false;
    }

    private static boolean isExternalLinkList(Element list) {
        if (list.childrenSize() == 0) {
            return false;
        }
        for (Element li : list.children()) {
            if (li.selectFirst("a.external-link") == null) {
                return false;
            }
        }
        return true;
    }

    /** Every item is exactly one link (no other text). */
    private static boolean isLinkOnlyList(Element list) {
        if (list.childrenSize() == 0) {
            return false;
        }
        for (Element li : list.children()) {
            Element link = li.selectFirst("a[href]");
            if (link == null || !TextNormalizer.normalize(li.text()).equals(TextNormalizer.normalize(link.text()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasClassPrefix(Element e, List<String> prefixes) {
        if (e.className().isEmpty()) {
            return false;
        }
        for (String name : e.classNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (String prefix : prefixes) {
                if (lower.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The normalised text of {@code e} if it has at most {@code maxNodes} descendants and {@code maxChars}
     * characters, else {@code null}: lets text rules look at small elements without walking big subtrees.
     */
    static String boundedText(Element e, int maxNodes, int maxChars) {
        StringBuilder sb = new StringBuilder();
        int[] count = {0};
        boolean[] tooBig = {false};
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (++count[0] > maxNodes || sb.length() > maxChars) {
                    tooBig[0] = true;
                    return FilterResult.STOP;
                }
                if (node instanceof TextNode text) {
                    sb.append(text.getWholeText());
                } else if (node instanceof Element el && "br".equals(el.normalName())) {
                    sb.append(' ');
                }
                return FilterResult.CONTINUE;
            }
        }, e);
        if (tooBig[0]) {
            return null;
        }
        String text = TextNormalizer.normalize(sb);
        return text.length() > maxChars ? null : text;
    }

    /** A short description of a removed element: its text, or for textless elements the address it pointed to. */
    static String describe(Element e) {
        String text = boundedText(e, 400, 400);
        if (text == null) {
            text = TextNormalizer.normalize(e.text());
        }
        if (text.isEmpty()) {
            for (DataNode data : e.dataNodes()) {
                text = TextNormalizer.normalize(data.getWholeData());
                break;
            }
        }
        if (text.isEmpty()) {
            String ref = firstNonBlank(e.attr("href"), e.attr("src"), e.attr("data-src"));
            if (ref == null) {
                Element inner = e.selectFirst("[src], [data-src], [href]");
                if (inner != null) {
                    ref = firstNonBlank(inner.attr("href"), inner.attr("src"), inner.attr("data-src"));
                }
            }
            text = "<" + e.normalName() + (e.id().isEmpty() ? "" : "#" + e.id())
                    + (e.className().isBlank() ? "" : "." + e.className().strip().replace(' ', '.'))
                    + (ref == null ? "" : " " + ref) + ">";
        }
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (!value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
