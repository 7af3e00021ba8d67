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
import app.duizhao.library.LibraryQuery;
import app.duizhao.library.LibraryService;
import app.duizhao.reader.ui.ReaderView;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
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
import java.util.Set;
import java.util.stream.Stream;

/**
 * The library: every stored article, searchable (Chinese without spaces, English), filterable by source, tag,
 * translation state and date, sortable and paged lazily; and the ways to bring in a new one (upload, paste).
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
    private static final int SELECTION_LIMIT = 300;

    private final Div importMessage = new Div();
    private final TextArea paste = new TextArea("Or paste Chinese text");
    private final Grid<ArticleSummary> grid = new Grid<>(ArticleSummary.class, false);
    private final AnnotationService annotations;
    private final SelectionExport selectionExport;
    private Map<Long, List<String>> tags = Map.of();
    private final Div empty = new Div();
    private final com.vaadin.flow.component.details.Details adding = new com.vaadin.flow.component.details.Details();
    private final TextField webAddress = new TextField("Or import from a web address");
    private final TextField search = new TextField("Search");
    private final ComboBox<String> source = new ComboBox<>("Source");
    private final ComboBox<String> tag = new ComboBox<>("Tag");
    private final Select<ArticleSummary.TranslationState> status = new Select<>();
    private final DatePicker from = new DatePicker("Published from");
    private final DatePicker to = new DatePicker("to");
    private final Paragraph matches = new Paragraph();

    public LibraryView(LibraryService library, ImportService importer, AnnotationService annotations,
                       ExportService exports) {
        this.library = library;
        this.importer = importer;
        this.annotations = annotations;
        this.selectionExport = new SelectionExport(exports);
        addClassName("dz-library");
        status.setLabel("Translation");
        setPadding(false);
        // The library comes first; adding an article is one fold below it (open while the library is empty).
        add(new H1("Library"), articlesSection(), importSection());
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
        webAddress.setId("web-address");
        webAddress.setPlaceholder("https://…");
        webAddress.setWidthFull();
        Button importWeb = new Button("Import page", event -> importOutcome(() -> importer.importUrl(
                webAddress.getValue())).run());
        importWeb.setId("import-url");
        section.add(hint, upload, paste, importText, webAddress, importWeb, importMessage);
        adding.setSummaryText(heading.getText());
        adding.setId("add-article");
        adding.add(section);
        Div wrapper = new Div(adding);
        wrapper.addClassName("dz-add-article");
        return wrapper;
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
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT,
                GridVariant.LUMO_COMPACT);
        grid.addComponentColumn(article -> {
            RouterLink link = new RouterLink(article.title(), ReaderView.class, article.id());
            link.addClassName("dz-article-link");
            return link;
        }).setHeader("Title").setFlexGrow(4).setKey("title").setSortable(true).setSortProperty("title");
        grid.addColumn(article -> article.sourceName() == null ? "" : article.sourceName())
                .setHeader("Source").setFlexGrow(1).setKey("source").setSortable(true).setSortProperty("source");
        var dateColumn = grid.addColumn(article -> article.publishedAt() == null ? ""
                        : DATE.format(article.publishedAt()))
                .setHeader("Date").setFlexGrow(0).setWidth("8em").setKey("date").setSortable(true)
                .setSortProperty("published");
        grid.addColumn(article -> DATE.format(article.importedAt()))
                .setHeader("Imported").setFlexGrow(0).setWidth("8em").setKey("imported").setSortable(true)
                .setSortProperty("imported");
        grid.addColumn(article -> article.state().label()
                        + (article.state() == ArticleSummary.TranslationState.PARTLY_TRANSLATED
                        ? " (" + article.translatedBlocks() + "/" + article.translatableBlocks() + ")" : ""))
                .setHeader("Translation").setFlexGrow(1).setKey("status");
        grid.addColumn(article -> String.join(", ", tags.getOrDefault(article.id(), List.of())))
                .setHeader("Tags").setFlexGrow(1).setKey("tags");
        grid.setPageSize(50);
        grid.setHeight("70vh");
        grid.setMultiSort(false);
        // Lazy: the grid asks for one page at a time, so 100,000 articles load as fast as 10.
        grid.setItems(this::fetch, query -> (int) Math.min(Integer.MAX_VALUE, library.count(filters())));
        // Newest first, until the reader sorts otherwise.
        grid.sort(List.of(new com.vaadin.flow.component.grid.GridSortOrder<>(dateColumn, SortDirection.DESCENDING)));
        grid.addItemClickListener(event -> UI.getCurrent().navigate(ReaderView.class, event.getItem().id()));
        empty.setId("empty-library");
        empty.addClassName("dz-empty-library");
        Button sample = new Button("Try a sample article", event -> importOutcome(this::importSample).run());
        sample.setId("try-sample");
        sample.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Paragraph none = new Paragraph("No articles yet. Try the sample (a 2021 interview with China's ambassador "
                + "to the United States), or add your own below: upload a post, paste Chinese text or give a web "
                + "address.");
        empty.add(none, sample);
        section.add(new H2("Articles"), filterBar(), matches, empty, grid, selectionExport);
        return section;
    }

    private Div filterBar() {
        Div bar = new Div();
        bar.addClassName("dz-filters");
        search.setId("search");
        search.setPlaceholder("中美关系, trade…");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setValueChangeTimeout(300);
        search.addValueChangeListener(event -> refreshRows());
        source.setId("source-filter");
        source.setClearButtonVisible(true);
        source.addValueChangeListener(event -> refreshRows());
        tag.setId("tag-filter");
        tag.setClearButtonVisible(true);
        tag.addValueChangeListener(event -> refreshRows());
        status.setId("status-filter");
        status.setItems(ArticleSummary.TranslationState.values());
        status.setItemLabelGenerator(state -> state == null ? "Any" : state.label());
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption("Any");
        status.addValueChangeListener(event -> refreshRows());
        from.setId("date-from");
        from.setClearButtonVisible(true);
        from.addValueChangeListener(event -> refreshRows());
        to.setId("date-to");
        to.setClearButtonVisible(true);
        to.addValueChangeListener(event -> refreshRows());
        matches.setId("article-count");
        matches.addClassName("dz-hint");
        bar.add(search, source, tag, status, from, to);
        return bar;
    }

    /** The filters as they stand; the grid adds the sort and the page. */
    LibraryQuery filters() {
        return new LibraryQuery(search.getValue(), source.getValue(), tag.getValue(),
                status.getValue() == null ? Set.of() : Set.of(status.getValue()), from.getValue(), to.getValue(),
                null, false, 0, 0);
    }

    private Stream<ArticleSummary> fetch(Query<ArticleSummary, Void> query) {
        LibraryQuery libraryQuery = filters();
        if (!query.getSortOrders().isEmpty()) {
            QuerySortOrder order = query.getSortOrders().getFirst();
            LibraryQuery.Sort sort = switch (order.getSorted()) {
                case "title" -> LibraryQuery.Sort.TITLE;
                case "source" -> LibraryQuery.Sort.SOURCE;
                case "published" -> LibraryQuery.Sort.PUBLISHED;
                default -> LibraryQuery.Sort.IMPORTED;
            };
            libraryQuery = libraryQuery.withSort(sort, order.getDirection() == SortDirection.ASCENDING);
        }
        return library.search(libraryQuery.withPage(query.getOffset(), query.getLimit())).rows().stream();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        source.setItems(library.sources());
        tag.setItems(library.tags());
        refreshRows();
    }

    private void refreshRows() {
        long all = library.count(LibraryQuery.all(0));
        long matching = library.count(filters());
        tags = annotations.allTags();
        // The export picks among the articles the filters show (the first few hundred), not the whole library.
        selectionExport.setArticles(library.search(filters().withPage(0, SELECTION_LIMIT)).rows());
        grid.getDataProvider().refreshAll();
        grid.setVisible(all > 0);
        empty.setVisible(all == 0);
        adding.setOpened(all == 0);
        matches.setVisible(all > 0);
        matches.setText(matching == all ? all + (all == 1 ? " article" : " articles")
                : matching + " of " + all + " articles match");
    }

    /** Imports the sample post shipped with the app. */
    private ImportResult importSample() {
        try (var in = LibraryView.class.getResourceAsStream("/samples/seed-post.md")) {
            if (in == null) {
                throw new ImportException("The sample article is missing from this build.");
            }
            return importer.importFile("2021-11-24-秦刚：中美关系的大球仍需小球推动.md", in.readAllBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The message shown under the import controls, for tests. */
    String importMessage() {
        return importMessage.isVisible() ? importMessage.getText() : "";
    }

}
