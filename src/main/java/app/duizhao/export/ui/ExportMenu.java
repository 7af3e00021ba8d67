package app.duizhao.export.ui;

import app.duizhao.export.ExportFile;
import app.duizhao.export.ExportFormat;
import app.duizhao.export.ExportService;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

import java.io.ByteArrayInputStream;

/**
 * Download links for every export format of an article (current state) or a saved version. The Markdown link of
 * the current article keeps the id {@code export-markdown}; the others are {@code export-<format>} (for a version:
 * {@code export-version-<format>}).
 */
public class ExportMenu extends Div {

    public ExportMenu(ExportService exports, long articleId, Integer versionNumber) {
        addClassName("dz-export-menu");
        Span label = new Span("Export:");
        label.addClassName("dz-hint");
        add(label);
        java.util.Optional<String> pdfProblem = exports.pdfProblem();
        for (ExportFormat format : ExportFormat.values()) {
            if (format == ExportFormat.PDF && pdfProblem.isPresent()) {
                // Say why up front instead of offering a download that would fail.
                Span unavailable = new Span("PDF (unavailable)");
                unavailable.addClassName("dz-hint");
                unavailable.setId(versionNumber != null ? "export-version-pdf" : "export-pdf");
                unavailable.getElement().setAttribute("title", pdfProblem.get());
                add(unavailable);
                continue;
            }
            Anchor link = new Anchor(DownloadHandler.fromInputStream(request -> {
                // Errors (e.g. no CJK font for the PDF) reach the user as a failed download with this message.
                ExportFile file = exports.export(articleId, versionNumber, format);
                return new DownloadResponse(new ByteArrayInputStream(file.content()), file.fileName(),
                        file.contentType(), file.content().length);
            }), versionNumber == null && format == ExportFormat.MD ? "Export Markdown" : format.label());
            link.addClassName("dz-export");
            link.setId(versionNumber != null ? "export-version-" + format.code()
                    : format == ExportFormat.MD ? "export-markdown" : "export-" + format.code());
            link.getElement().setAttribute("title", "Download as " + format.label());
            add(link);
        }
    }
}
