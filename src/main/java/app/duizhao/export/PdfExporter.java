package app.duizhao.export;

import app.duizhao.annotation.AnnotatedArticle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.Supplier;

/** Renders the HTML export to PDF with a CJK TrueType font embedded (subset), so Chinese shows on any reader. */
final class PdfExporter {

    static final String FONT_FAMILY = "DuizhaoCJK";

    private final HtmlExporter html;
    private final Supplier<CjkFont> font;

    PdfExporter(HtmlExporter html, Supplier<CjkFont> font) {
        this.html = html;
        this.font = font;
    }

    /**
     * @throws ExportException when the configured font is unusable or the renderer fails (the message says which)
     */
    byte[] export(AnnotatedArticle article, List<VocabularyRow> vocabulary) {
        CjkFont cjk = font.get();
        String page = html.export(article, vocabulary, FONT_FAMILY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            cjk.register(builder, FONT_FAMILY);
            builder.withHtmlContent(page, null);
            builder.withProducer("Duizhao");
            builder.toStream(out);
            builder.run();
        } catch (Exception e) {
            throw new ExportException("Could not write the PDF with the " + cjk.description() + ": "
                    + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
