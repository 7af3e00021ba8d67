package app.duizhao.base;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Markdown through commonmark-java, with a safe HTML policy: HTML written inside the Markdown is escaped to text,
 * link targets that run script ({@code javascript:} and the like) are dropped, and what is shown to a reader or
 * exported ({@link #toSafeHtml}) keeps only jsoup's basic safe list (text formatting, lists, quotes, code and
 * absolute links; no images, so an export fetches nothing).
 */
public final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
            .softbreak("<br />").build();
    private static final Safelist SAFE = Safelist.basic();
    private static final Document.OutputSettings XML_SAFE = new Document.OutputSettings()
            .escapeMode(Entities.EscapeMode.xhtml).charset("UTF-8").syntax(Document.OutputSettings.Syntax.xml)
            .prettyPrint(false);

    private Markdown() {
    }

    /**
     * The Markdown as HTML: the author's own HTML escaped, unsafe links dropped; line breaks inside a paragraph
     * kept. For a post body on its way to the cleaner.
     */
    public static String toHtml(String markdown) {
        return markdown == null || markdown.isBlank() ? "" : RENDERER.render(PARSER.parse(markdown));
    }

    /**
     * The Markdown (a note) as an HTML fragment safe to show or export: {@link #toHtml} reduced to jsoup's basic safe
     * list, written as well-formed XML as well (for the XHTML of the PDF and EPUB exports). A note of one paragraph
     * comes without its {@code <p>}, so it reads on after a label ("Note: …") and adds no paragraph to the page.
     */
    public static String toSafeHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        Document cleaned = new Cleaner(SAFE).clean(Jsoup.parseBodyFragment(toHtml(markdown).strip()));
        cleaned.outputSettings(XML_SAFE.clone());
        Element body = cleaned.body();
        if (body.childNodeSize() == 1 && body.childrenSize() == 1 && body.child(0).nameIs("p")) {
            return body.child(0).html();
        }
        return body.html();
    }
}
