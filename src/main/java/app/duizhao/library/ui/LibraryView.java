package app.duizhao.library.ui;

import app.duizhao.annotation.AnnotationService;
import jakarta.annotation.security.PermitAll;
import app.duizhao.library.ArticleSummary;
import app.duizhao.library.LibraryQuery;
import app.duizhao.library.LibraryService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import java.time.format.DateTimeFormatter;
import java.util.Comparator;
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
@Route("")
@PageTitle("Library · Duizhao")
@Menu(title = "Library", order = 1)
public class LibraryView extends VerticalLayout implements BeforeEnterObserver {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    private final LibraryService library;
    /** How many of the articles shown the parts that act on them get (an export picks among these). */
    private static final int SELECTION_LIMIT = 300;

    private final Grid<ArticleSummary> grid = new Grid<>(ArticleSummary.class, false);
    private final AnnotationService annotations;
    private final List<Component> addParts;
    private final List<Component> belowParts;
    private Map<Long, List<String>> tags = Map.of();
    private final Paragraph empty = new Paragraph("No articles yet. Upload a post or paste a Chinese article above.");
    private final TextField search = new TextField("Search");
    private final ComboBox<String> source = new ComboBox<>("Source");
    private final ComboBox<String> tag = new ComboBox<>("Tag");
    private final Select<ArticleSummary.TranslationState> status = new Select<>();
    private final DatePicker from = new DatePicker("Published from");
    private final DatePicker to = new DatePicker("to");
    private final Paragraph matches = new Paragraph();
    /** "Unknown words at most": a share in percent, or none. */
    private final Select<Integer> levelFilter = new Select<>();
    private final app.duizhao.library.ReaderLevels levels;
    /** The levels computed for this view (a reader's statuses change elsewhere: cleared on each refresh). */
    private final Map<Long, java.util.Optional<app.duizhao.library.ReaderLevels.ArticleLevel>> levelCache =
            new java.util.HashMap<>();
    /** The most articles the level filter or sort looks at (they are ordered and filtered in memory). */
    static final int LEVEL_LIMIT = 2_000;

    /**
     * @param parts what other features add to the page (the import box, the export of a selection), each asked
     *              for a fresh component
     */
    public LibraryView(LibraryService library, AnnotationService annotations, List<LibraryPart> parts,
                       org.springframework.beans.factory.ObjectProvider<app.duizhao.library.ReaderLevels> levels) {
        this.levels = levels.getIfAvailable(() -> id -> java.util.Optional.empty());
        this.library = library;
        this.annotations = annotations;
        List<LibraryPart> ordered = parts.stream().sorted(Comparator.comparingInt(LibraryPart::order)).toList();
        this.addParts = create(ordered, LibraryPart.Place.ADD_ARTICLES);
        this.belowParts = create(ordered, LibraryPart.Place.BELOW_ARTICLES);
        addClassName("dz-library");
        status.setLabel("Translation");
        setPadding(false);
        add(new H1("Library"));
        addParts.forEach(this::add);
        add(articlesSection());
    }

    private static List<Component> create(List<LibraryPart> parts, LibraryPart.Place place) {
        return parts.stream().filter(part -> part.place() == place).map(LibraryPart::create).toList();
    }

    private Div articlesSection() {
        Div section = new Div();
        section.addClassName("dz-articles");
        grid.setId("articles");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(article -> {
            Anchor link = ArticleLinks.readerLink(article.title(), article.id());
            link.addClassName("dz-article-link");
            return link;
        }).setHeader("Title").setFlexGrow(4).setKey("title").setSortable(true).setSortProperty("title");
        grid.addColumn(article -> article.sourceName() == null ? "" : article.sourceName())
                .setHeader("Source").setFlexGrow(1).setKey("source").setSortable(true).setSortProperty("source");
        grid.addColumn(article -> article.publishedAt() == null ? "" : DATE.format(article.publishedAt()))
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
        grid.addComponentColumn(article -> {
            Span cell = new Span();
            cell.addClassName("dz-level-cell");
            levelOf(article.id()).ifPresent(level -> {
                cell.setText(level.label());
                cell.getElement().setAttribute("title", level.unknown() + " of " + level.words()
                        + " words unknown to you · " + level.profile());
                cell.addClassName(level.unknownShare() <= 0.05 ? "dz-level-easy"
                        : level.unknownShare() > 0.2 ? "dz-level-hard" : "dz-level-mid");
            });
            return cell;
        }).setHeader("Unknown to you").setFlexGrow(0).setWidth("10em").setKey("level").setSortable(true).setSortProperty("level");
        grid.setPageSize(50);
        grid.setHeight("70vh");
        grid.setMultiSort(false);
        // Lazy: the grid asks for one page at a time, so 100,000 articles load as fast as 10.
        grid.setItems(this::fetch, query -> levelFilter.getValue() != null
                ? byLevel(null, false).size() : (int) Math.min(Integer.MAX_VALUE, library.count(filters())));
        grid.addItemClickListener(event -> ArticleLinks.open(event.getItem().id()));
        empty.addClassName("dz-hint");
        section.add(new H2("Articles"), filterBar(), matches, empty, grid);
        belowParts.forEach(section::add);
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
        levelFilter.setId("level-filter");
        levelFilter.setLabel("Unknown words");
        levelFilter.setItems(2, 5, 10, 20);
        levelFilter.setItemLabelGenerator(share -> share == null ? "Any" : "≤ " + share + " %");
        levelFilter.setEmptySelectionAllowed(true);
        levelFilter.setEmptySelectionCaption("Any");
        levelFilter.addValueChangeListener(event -> refreshRows());
        bar.add(search, source, tag, status, from, to, levelFilter);
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
        boolean byLevel = !query.getSortOrders().isEmpty() && "level".equals(query.getSortOrders().getFirst().getSorted());
        if (byLevel || levelFilter.getValue() != null) {
            Boolean ascending = byLevel ? query.getSortOrders().getFirst().getDirection() == SortDirection.ASCENDING : null;
            List<ArticleSummary> rows = byLevel(ascending, true);
            return rows.stream().skip(query.getOffset()).limit(query.getLimit());
        }
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

    private java.util.Optional<app.duizhao.library.ReaderLevels.ArticleLevel> levelOf(long articleId) {
        return levelCache.computeIfAbsent(articleId, levels::level);
    }

    /**
     * The articles the filters show (the first {@link #LEVEL_LIMIT}) that pass the level filter, ordered by the
     * reader's unknown share when {@code ascending} is set (else in the library's order).
     */
    private List<ArticleSummary> byLevel(Boolean ascending, boolean sort) {
        List<ArticleSummary> rows = library.search(filters().withPage(0, LEVEL_LIMIT)).rows();
        Integer atMost = levelFilter.getValue();
        Stream<ArticleSummary> stream = rows.stream();
        if (atMost != null) {
            stream = stream.filter(a -> levelOf(a.id()).map(l -> l.unknownShare() * 100 <= atMost + 1e-9).orElse(false));
        }
        if (sort && ascending != null) {
            java.util.Comparator<ArticleSummary> order = java.util.Comparator.comparingDouble(
                    a -> levelOf(a.id()).map(app.duizhao.library.ReaderLevels.ArticleLevel::unknownShare).orElse(2.0));
            stream = stream.sorted(ascending ? order : order.reversed());
        }
        return stream.toList();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        source.setItems(library.sources());
        tag.setItems(library.tags());
        refreshRows();
    }

    private void refreshRows() {
        levelCache.clear();
        long all = library.count(LibraryQuery.all(0));
        long matching = levelFilter.getValue() != null ? byLevel(null, false).size() : library.count(filters());
        tags = annotations.allTags();
        // The export picks among the articles the filters show (the first few hundred), not the whole library.
        List<ArticleSummary> shown = library.search(filters().withPage(0, SELECTION_LIMIT)).rows();
        Stream.concat(addParts.stream(), belowParts.stream()).filter(ShowsArticles.class::isInstance)
                .map(ShowsArticles.class::cast).forEach(part -> part.showArticles(shown));
        grid.getDataProvider().refreshAll();
        grid.setVisible(all > 0);
        empty.setVisible(all == 0);
        matches.setVisible(all > 0);
        matches.setText(matching == all ? all + (all == 1 ? " article" : " articles")
                : matching + " of " + all + " articles match");
    }

}
