package app.duizhao.reader.ui;

import jakarta.annotation.security.PermitAll;
import app.duizhao.annotation.AnnotationService;
import app.duizhao.annotation.ui.AnnotationLayer;
import app.duizhao.export.ExportFile;
import app.duizhao.export.ExportService;
import app.duizhao.export.ui.ExportMenu;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

import java.io.ByteArrayInputStream;
import java.util.Optional;

/** A saved version of an article, read-only, with its own export. */
// Any signed-in user (accounts on); what they see is scoped to their own data by the services.
@PermitAll
@Route("articles/:articleId/versions/:number")
public class VersionView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final AnnotationService annotations;
    private final ExportService exports;
    private final ReaderStudy study;
    private final java.util.Map<Integer, BlockRow> rows = new java.util.LinkedHashMap<>();
    private RowFeeder feeder;
    private String title = "Version";
    private ArticleSnapshot version;

    public VersionView(AnnotationService annotations, ExportService exports, ReaderStudy study) {
        this.annotations = annotations;
        this.exports = exports;
        this.study = study;
        addClassNames("dz-reader", "dz-version");
        setPadding(false);
    }

    /** The route parameters of a version. */
    public static RouteParameters parameters(long articleId, int number) {
        return new RouteParameters(java.util.Map.of("articleId", String.valueOf(articleId),
                "number", String.valueOf(number)));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        rows.clear();
        Optional<Long> articleId = event.getRouteParameters().getLong("articleId");
        Optional<Integer> number = event.getRouteParameters().getInteger("number");
        version = articleId.isPresent() && number.isPresent()
                ? annotations.version(articleId.get(), number.get()).orElse(null) : null;
        if (version == null) {
            title = "Version not found";
            add(new H2("There is no such saved version."));
            articleId.ifPresent(id -> add(new RouterLink("Back to the article", ReaderView.class, id)));
            return;
        }
        title = version.title() + " (version " + version.versionNumber() + ") · Duizhao";
        build();
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    private void build() {
        Div banner = new Div();
        banner.addClassName("dz-version-banner");
        banner.setId("version-banner");
        banner.add(new Span("Version " + version.versionNumber() + ", saved "
                + ReaderView.SAVED.format(version.savedAt())
                + (version.message() == null ? "" : ": " + version.message()) + ". Read-only. "));
        banner.add(new RouterLink("Open the current article", ReaderView.class, version.articleId()));
        Anchor export = new Anchor(DownloadHandler.fromInputStream(request -> {
            ExportFile file = exports.markdown(version);
            return new DownloadResponse(new ByteArrayInputStream(file.content()), file.fileName(),
                    file.contentType(), file.content().length);
        }), "Export this version (Markdown)");
        export.setId("export-version");
        banner.add(new Span(" · "), export, new ExportMenu(exports, version.articleId(), version.versionNumber()));
        add(new ArticleHeader(version), banner);
        if (version.summary() != null) {
            Div summary = new Div();
            summary.addClassName("dz-summary");
            Span label = new Span(version.isOfflineSummary()
                    ? "Key sentences (offline extract by TextRank, not a translation)" : "Summary");
            label.addClassName("dz-summary-label");
            Div text = new Div();
            text.addClassName("dz-summary-text");
            text.setText(version.summary());
            summary.add(label, text);
            add(summary);
        }
        if (version.isOfflineGloss()) {
            Paragraph notice = new Paragraph("The English column of this version is a word-by-word CC-CEDICT gloss "
                    + "(offline), not a translation.");
            notice.addClassName("dz-offline-notice");
            add(notice);
        }
        Div table = new Div();
        table.addClassName("dz-rows");
        table.setId("rows");
        for (SnapshotBlock block : version.blocks()) {
            rows.put(block.position(), new BlockRow(block, version.language(), null));
        }
        if (feeder != null) {
            feeder.stop();
        }
        feeder = RowFeeder.feed(table, java.util.List.copyOf(rows.values()), 0);
        add(table, AnnotationLayer.readOnly(annotations, version.articleId(), version.versionNumber()));
        // The same popup, pinyin and keys as the reader; no corrections, nothing saved to the version.
        study.install(this, version, rows, table, false);
    }

    @Override
    protected void onDetach(com.vaadin.flow.component.DetachEvent detachEvent) {
        if (feeder != null) {
            feeder.stop();
            feeder = null;
        }
        super.onDetach(detachEvent);
    }

    /** The rows, for tests. */
    java.util.Map<Integer, BlockRow> rows() {
        return rows;
    }

    /** The study tools, for tests. */
    ReaderStudy study() {
        return study;
    }
}
