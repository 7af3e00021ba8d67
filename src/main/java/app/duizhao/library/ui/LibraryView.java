package app.duizhao.library.ui;

import app.duizhao.annotation.AnnotationService;
import jakarta.annotation.security.PermitAll;
import app.duizhao.base.ui.MainLayout;
import app.duizhao.export.ExportService;
import app.duizhao.export.ui.SelectionExport;
import app.duizhao.importing.ImportException;
import app.duizhao.importing.ImportResult;
import app.duizhao.importing.ImportService;
import app.duizhao.library.ArticleSummary;
import app.duizhao.library.LibraryService;
import app.duizhao.reader.ui.ReaderView;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.UploadHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The library: every stored article, and the ways to bring in a new one (upload a post, or paste text).
 */
// Any signed-in user (accounts on); what they see is scoped to their own data by the services.
@PermitAll
@Route(value = "", layout = MainLayout.class)
@PageTitle("Library · Duizhao")
public class LibraryView extends VerticalLayout implements BeforeEnterObserver {

    private static final Logger log = LoggerFactory.getLogger(LibraryView.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    private final LibraryService library;
    private final ImportService importer;
    private final Div importMessage = new Div();
    private final TextArea paste = new TextArea("Or paste Chinese text");
    private final Grid<ArticleSummary> grid = new Grid<>(ArticleSummary.class, false);
    private final AnnotationService annotations;
    private final SelectionExport selectionExport;
    private Map<Long, List<String>> tags = Map.of();
    private final Paragraph empty = new Paragraph("No articles yet. Upload a post or paste a Chinese article above.");

    public LibraryView(LibraryService library, ImportService importer, AnnotationService annotations,
                       ExportService exports) {
        this.library = library;
        this.importer = importer;
        this.annotations = annotations;
        this.selectionExport = new SelectionExport(exports);
        addClassName("dz-library");
        setPadding(false);
        add(new H1("Library"), importSection(), articlesSection());
    }

    private Div importSection() {
        Div section = new Div();
        section.addClassName("dz-import");
        H2 heading = new H2("Add an article");

        Upload upload = new Upload(UploadHandler.inMemory((metadata, bytes) -> {
            // Runs on the request thread: import first, then update the UI under its lock.
            UI ui = UI.getCurrent();
            Runnable outcome = importOutcome(() -> importer.importFile(metadata.fileName(), bytes));
            if (ui != null) {
                ui.access(outcome::run);
            } else {
                outcome.run();
            }
        }));
        upload.setId("upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, importer.maxBytes()));
        upload.setAcceptedFileTypes(".md", ".markdown", ".html", ".htm", ".txt");
        upload.addFileRejectedListener(event -> showError("\"" + event.getFileName() + "\" was refused: "
                + event.getErrorMessage() + " (posts up to " + importer.maxBytes() / 1_000_000 + " MB in .md, .html "
                + "or .txt)."));
        upload.addFailedListener(event -> showError("The upload of \"" + event.getFileName()
                + "\" failed. Try again."));

        Paragraph hint = new Paragraph("Upload a Jekyll or Hugo post (Markdown with front matter), an HTML page or "
                + "a text file, in UTF-8.");
        hint.addClassName("dz-hint");

        paste.setId("paste");
        paste.setWidthFull();
        paste.setMinRows(3);
        paste.setMaxRows(10);
        paste.setPlaceholder("粘贴中文文章…");
        Button importText = new Button("Import text", event -> {
            Runnable outcome = importOutcome(() -> importer.importText(paste.getValue()));
            outcome.run();
        });
        importText.setId("import-text");
        importText.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        importMessage.setId("import-message");
        importMessage.addClassName("dz-message");
        importMessage.setVisible(false);
        section.add(heading, hint, upload, paste, importText, importMessage);
        return section;
    }

    /** Runs an import and returns what the UI must do next: open the article, or show why it failed. */
    private Runnable importOutcome(java.util.function.Supplier<ImportResult> importer) {
        try {
            ImportResult result = importer.get();
            return () -> {
                paste.clear();
                if (result.duplicate()) {
                    Notification.show("\"" + result.title() + "\" is already in the library: opening it.");
                }
                UI.getCurrent().navigate(ReaderView.class, result.articleId());
            };
        } catch (ImportException e) {
            return () -> showError(e.getMessage());
        } catch (RuntimeException e) {
            log.error("Import failed", e);
            return () -> showError("The import failed on an unexpected error (" + e.getClass().getSimpleName()
                    + "). Nothing was stored.");
        }
    }

    private void showError(String message) {
        importMessage.setText(message);
        importMessage.addClassName("dz-error");
        importMessage.setVisible(true);
        Notification notification = Notification.show(message, 6000, Notification.Position.MIDDLE);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private Div articlesSection() {
        Div section = new Div();
        section.addClassName("dz-articles");
        grid.setId("articles");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(article -> {
            RouterLink link = new RouterLink(article.title(), ReaderView.class, article.id());
            link.addClassName("dz-article-link");
            return link;
        }).setHeader("Title").setFlexGrow(4).setKey("title");
        grid.addColumn(article -> article.sourceName() == null ? "" : article.sourceName())
                .setHeader("Source").setFlexGrow(1).setKey("source");
        grid.addColumn(article -> article.publishedAt() == null ? "" : DATE.format(article.publishedAt()))
                .setHeader("Date").setFlexGrow(0).setWidth("8em").setKey("date");
        grid.addColumn(article -> article.state().label()
                        + (article.state() == ArticleSummary.TranslationState.PARTLY_TRANSLATED
                        ? " (" + article.translatedBlocks() + "/" + article.translatableBlocks() + ")" : ""))
                .setHeader("Translation").setFlexGrow(1).setKey("status");
        grid.addColumn(article -> String.join(", ", tags.getOrDefault(article.id(), List.of())))
                .setHeader("Tags").setFlexGrow(1).setKey("tags");
        grid.setAllRowsVisible(true);
        grid.addItemClickListener(event -> UI.getCurrent().navigate(ReaderView.class, event.getItem().id()));
        empty.addClassName("dz-hint");
        section.add(new H2("Articles"), empty, grid, selectionExport);
        return section;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        refresh();
    }

    private void refresh() {
        List<ArticleSummary> articles = library.list();
        tags = annotations.allTags();
        selectionExport.setArticles(articles);
        grid.setItems(articles);
        grid.setVisible(!articles.isEmpty());
        empty.setVisible(articles.isEmpty());
    }

    /** The message shown under the import controls, for tests. */
    String importMessage() {
        return importMessage.isVisible() ? importMessage.getText() : "";
    }

}
