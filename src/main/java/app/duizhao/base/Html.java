package app.duizhao.base;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;

/**
 * The one HTML escaper (jsoup's): text made safe for HTML and XHTML element content and attribute values. The
 * output is well-formed XML as well (numeric references only, characters XML 1.0 forbids dropped), so the same text
 * goes into the reader, the HTML export and the XHTML of the PDF and EPUB exports.
 */
public final class Html {

    private static final Document.OutputSettings XML_SAFE = new Document.OutputSettings()
            .escapeMode(Entities.EscapeMode.xhtml).charset("UTF-8").syntax(Document.OutputSettings.Syntax.xml)
            .prettyPrint(false);

    private Html() {
    }

    /** {@code text} escaped; {@code ""} for {@code null}. */
    public static String escape(String text) {
        return text == null || text.isEmpty() ? "" : Entities.escape(text, XML_SAFE);
    }
}
