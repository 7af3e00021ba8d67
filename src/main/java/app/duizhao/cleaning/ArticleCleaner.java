package app.duizhao.cleaning;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns an article body (HTML) into its ordered blocks, removing ads, paywall promotions and other noise.
 * Placeholder: replaced by the full cleaner.
 */
@Component
public class ArticleCleaner {

    /**
     * Cleans a body.
     *
     * @param bodyHtml the HTML body of a post
     * @param title    the article title, used to drop a repeated title line (may be {@code null})
     */
    public CleanedArticle clean(String bodyHtml, String title) {
        Document document = Jsoup.parseBodyFragment(bodyHtml == null ? "" : bodyHtml);
        List<CleanBlock> blocks = new ArrayList<>();
        List<RemovedFragment> removed = new ArrayList<>();
        for (Element element : document.body().select("p, h1, h2, h3, h4, h5, h6")) {
            String text = element.text().trim();
            if (!text.isEmpty()) {
                blocks.add(CleanBlock.of(element.tagName().startsWith("h") ? BlockKind.HEADING : BlockKind.PARAGRAPH, text));
            }
        }
        return new CleanedArticle(blocks, removed);
    }
}
