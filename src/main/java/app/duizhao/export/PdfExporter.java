package app.duizhao.export;

import app.duizhao.annotation.AnnotatedArticle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;

/** Renders the HTML export to PDF with a CJK TrueType font embedded (subset), so Chinese shows on any reader. */
final class PdfExporter {

    static final String FONT_FAMILY = "DuizhaoCJK";

    private final HtmlExporter html;
    private final String configuredFont;

    PdfExporter(HtmlExporter html, String configuredFont) {
        this.html = html;
        this.configuredFont = configuredFont;
    }

    byte[] export(AnnotatedArticle article, List<VocabularyRow> vocabulary) {
        Path font = CjkFont.locate(configuredFont);
        String page = html.export(article, vocabulary, FONT_FAMILY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(font.toFile(), FONT_FAMILY);
            builder.withHtmlContent(page, null);
            builder.withProducer("Duizhao");
            builder.toStream(out);
            builder.run();
        } catch (Exception e) {
            throw new ExportException("Could not write the PDF: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
