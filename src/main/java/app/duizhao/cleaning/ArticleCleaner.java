package app.duizhao.cleaning;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.NodeTraversor;
import org.springframework.stereotype.Component;

/**
 * Turns an article body (the HTML of a feed post) into its ordered blocks, removing ads, paywall and subscribe
 * banners, scripts, embeds, feed headers and footers and other noise, each recorded as a {@link RemovedFragment}.
 *
 * <p>The work is done in two passes over the jsoup tree, both iterative so that deeply nested input cannot overflow the
 * stack: {@link NoiseRules} removes noise elements (per-source rules documented there), then {@link BlockCollector}
 * cuts the remaining text into blocks. Thread-safe and stateless.
 */
@Component
public class ArticleCleaner {

    /**
     * Cleans a body.
     *
     * @param bodyHtml the HTML body of a post (plain text is accepted too; it has no tags to clean)
     * @param title    the article title, used to drop a repeated title line (may be {@code null})
     * @return the article's own blocks in reading order, and the removed fragments (element noise first, in document order, then text-level removals)
     */
    public CleanedArticle clean(String bodyHtml, String title) {
        String html = bodyHtml == null ? "" : bodyHtml;
        Document document = parse(html);
        Element body = document.body();
        Removals removals = new Removals();
        NoiseRules.strip(body, title, removals);
        BlockCollector collector = new BlockCollector(title, removals);
        NodeTraversor.traverse(collector, body);
        java.util.List<CleanBlock> blocks = collector.blocks();
        return new CleanedArticle(blocks, removals.list(blocks.size()));
    }

    private static Document parse(String html) {
        return Jsoup.parseBodyFragment(html, "");
    }
}
