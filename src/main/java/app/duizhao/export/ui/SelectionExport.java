package app.duizhao.export.ui;

import app.duizhao.export.ExportFile;
import app.duizhao.export.ExportFormat;
import app.duizhao.export.ExportService;
import app.duizhao.library.ArticleSummary;
import app.duizhao.library.ui.ShowsArticles;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Set;

/**
 * "Export several articles": pick articles of the library and a format, download one {@code .zip}.
 */
public class SelectionExport extends Details implements ShowsArticles {

    private final CheckboxGroup<ArticleSummary> articles = new CheckboxGroup<>();
    private final Select<ExportFormat> format = new Select<>();
    // Read by the download request, which runs outside the UI lock: kept in plain immutable values.
    private volatile List<Long> chosen = List.of();
    private volatile ExportFormat chosenFormat = ExportFormat.MD;

    public SelectionExport(ExportService exports) {
        setSummaryText("Export several articles (.zip)");
        setId("selection-export");
        addClassName("dz-selection-export");
        articles.setId("selection-articles");
        articles.setItemLabelGenerator(ArticleSummary::title);
        articles.addValueChangeListener(e -> chosen = e.getValue().stream().map(ArticleSummary::id).toList());
        format.setId("selection-format");
        format.setLabel("Format");
        format.setItems(ExportFormat.values());
        format.setItemLabelGenerator(ExportFormat::label);
        format.setValue(ExportFormat.MD);
        format.addValueChangeListener(e -> chosenFormat = e.getValue() == null ? ExportFormat.MD : e.getValue());
        Anchor download = new Anchor(DownloadHandler.fromInputStream(request -> {
            if (chosen.isEmpty()) {
                throw new IllegalStateException("Choose at least one article to export.");
            }
            ExportFile file = exports.zip(chosen, chosenFormat);
            return new DownloadResponse(new ByteArrayInputStream(file.content()), file.fileName(),
                    file.contentType(), file.content().length);
        }), "Download .zip");
        download.setId("selection-download");
        download.addClassName("dz-export");
        add(new Div(articles), new Div(format, download));
    }

    /** Shows the library's articles to choose from; keeps those still there chosen. */
    @Override
    public void showArticles(List<ArticleSummary> summaries) {
        Set<ArticleSummary> keep = articles.getValue();
        articles.setItems(summaries);
        articles.setValue(summaries.stream().filter(keep::contains).collect(java.util.stream.Collectors.toSet()));
        setVisible(!summaries.isEmpty());
    }

    /** Chooses articles (tests). */
    void choose(Set<ArticleSummary> summaries) {
        articles.setValue(summaries);
    }

    List<Long> chosen() {
        return chosen;
    }
}
