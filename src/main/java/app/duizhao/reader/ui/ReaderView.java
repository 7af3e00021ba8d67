package app.duizhao.reader.ui;

import app.duizhao.account.CurrentUser;
import app.duizhao.annotation.AnnotationService;
import app.duizhao.annotation.ui.AnnotationLayer;
import app.duizhao.annotation.ui.TagsEditor;
import app.duizhao.export.ExportService;
import app.duizhao.export.ui.ExportMenu;
import app.duizhao.importing.ui.ReaderImportTools;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.study.ArticleWords;
import app.duizhao.study.ui.LearningTools;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import app.duizhao.library.LibraryService;
import app.duizhao.library.ui.LibraryView;
import app.duizhao.translation.StoredTranslation;
import app.duizhao.translation.TranslationService;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import org.springframework.beans.factory.ObjectProvider;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reader: the title, one line of metadata and one compact toolbar, then the article, each Chinese block facing
 * its English. Everything else lives in the {@link SidePanel} that the toolbar opens.
 *
 * <p>The reader is composed of parts that do not know each other: the {@link TranslationControls}, the study tools
 * ({@link ReaderStudy}), the annotation layer, the import tools, the export menu, the tags and the versions. They
 * talk to the reader through component events (a job ended, the study tools want a translation or show an
 * explanation) and the row actions; none looks another up.
 */
// Any signed-in user (accounts on); what they see is scoped to their own data by the services.
@PermitAll
@Route("articles")
public class ReaderView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {

    static final DateTimeFormatter SAVED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);

    private final LibraryService library;
    private final TranslationService translation;
    private final AnnotationService annotations;
    private final ExportService exports;
    private final ReaderStudy study;
    private final ObjectProvider<ReaderImportTools> importTools;
    private final CurrentUser currentUser;
    private final ReaderSettings settings;
    private final ArticleWords articleWords;

    private final Map<Integer, BlockRow> rows = new LinkedHashMap<>();
    private final SummaryCard summary = new SummaryCard();
    private ArticleSnapshot article;
    private TranslationControls controls;
    private TranslationDetails details;
    private SidePanel panel;
    private RowFeeder feeder;
    private String title = "Article";
    private boolean autoStarted;

    public ReaderView(LibraryService library, TranslationService translation, AnnotationService annotations,
                      ExportService exports, ReaderStudy study, ObjectProvider<ReaderImportTools> importTools,
                      CurrentUser currentUser, ReaderSettings settings, ArticleWords articleWords) {
        this.articleWords = articleWords;
        this.library = library;
        this.translation = translation;
        this.annotations = annotations;
        this.exports = exports;
        this.study = study;
        this.importTools = importTools;
        this.currentUser = currentUser;
        this.settings = settings;
        addClassName("dz-reader");
        setPadding(false);
        setSpacing(false);
    }

    @Override
    public void setParameter(BeforeEvent event, Long articleId) {
        removeAll();
        rows.clear();
        stopFeeding();
        if (controls != null) {
            controls.stop();
        }
        autoStarted = false;
        article = articleId == null ? null : library.snapshot(articleId).orElse(null);
        if (article == null) {
            title = "Not found";
            add(new H2("There is no article " + articleId + "."), new RouterLink("Back to the library",
                    LibraryView.class));
            return;
        }
        title = article.title() + " · Duizhao";
        build();
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    private void build() {
        AnnotationLayer annotationLayer = AnnotationLayer.editable(annotations, article.articleId());
        controls = new TranslationControls(translation, library, article, rows);
        details = new TranslationDetails(translation, currentUser, article.articleId(), article.isOfflineGloss());
        panel = new SidePanel();
        summary.show(article.summary(), article.isOfflineSummary());

        Div table = new Div();
        table.addClassName("dz-rows");
        table.setId("rows");
        BlockRow.Actions rowActions = new BlockRow.Actions() {
            @Override
            public void correct(int position, String text) {
                annotationLayer.correctEnglish(position, text);
            }

            @Override
            public void note(int position, String text) {
                annotationLayer.setNote(position, text);
            }

            @Override
            public String appendToNote(int position, String addition) {
                return annotationLayer.appendToNote(position, addition);
            }

            @Override
            public void retranslate(int position) {
                controls.retranslate(position);
            }

            @Override
            public List<StoredTranslation> stored(int position) {
                return translation.storedTranslations(article.articleId(), position);
            }
        };
        for (SnapshotBlock block : article.blocks()) {
            rows.put(block.position(), new BlockRow(block, article.language(), rowActions));
        }
        feeder = RowFeeder.feed(table, List.copyOf(rows.values()),
                indexOfPosition(study.readingPositionOf(article.articleId())));
        // One listener for every row's buttons (plain HTML buttons with data-row-action): no component per button.
        table.getElement().addEventListener("click", event -> {
            String action = EventData.text(event, BlockRow.ROW_ACTION);
            BlockRow row = rows.get(EventData.number(event, ReaderStudy.ROW_INDEX));
            if (!action.isEmpty() && row != null) {
                row.act(action);
            }
        }).addEventData(BlockRow.ROW_ACTION).addEventData(ReaderStudy.ROW_INDEX)
                .setFilter(BlockRow.ROW_ACTION_FILTER);

        add(new ArticleHeader(article), toolbar(), annotationLayer, table);
        reserveEnglishSpace(table);
        study.install(article, rows, table); // pinyin, dictionary popup, vocabulary, HSK, keys (issue 5)
        fillPanel(annotationLayer);
        add(study, panel);

        controls.addSummaryListener(event -> summary.show(event.text(), event.offline()));
        controls.addFinishedListener(event -> {
            article = event.article();
            details.showGlossaryMisses(event.job());
            details.refreshCost();
        });
        study.addTranslationWantedListener(event -> controls.start());
        study.addExplanationShownListener(event -> panel.open("panel-explain"));
    }

    private Div toolbar() {
        Div toolbar = new Div();
        toolbar.addClassName("dz-reader-toolbar");
        toolbar.setId("reader-toolbar");
        Button display = new Button("Aa", event -> panel.open("panel-display"));
        display.setId("open-display");
        display.getElement().setAttribute("aria-label", "Display and study settings");
        display.getElement().setAttribute("title", "Display and study settings");
        Button tools = new Button("Tools", event -> panel.toggle());
        tools.setId("open-panel");
        tools.getElement().setAttribute("aria-controls", "side-panel");
        for (Button button : new Button[]{display, tools}) {
            button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        }
        Div end = new Div(display, tools);
        end.addClassName("dz-toolbar-end");
        toolbar.add(controls, end);
        // The bar slides away while the reader scrolls down and comes back on scrolling up (a transform: no shift).
        toolbar.getElement().executeJs("const bar = this; let last = window.scrollY;"
                + "window.addEventListener('scroll', () => { if (!bar.isConnected) return;"
                + "const y = window.scrollY; bar.classList.toggle('dz-bar-hidden', y > last && y > 120);"
                + "last = y; }, {passive: true});");
        return toolbar;
    }

    /**
     * Reserves each row's English space from its Chinese length before the English arrives, so rows keep their
     * height while a translation streams in (no layout shift): the estimate is a ratio of English to Chinese
     * characters (a dictionary gloss is longer than a translation), the column's width and its font, plus the
     * line of row actions. Rows are measured when they come near the screen (a long article lays out lazily).
     */
    private void reserveEnglishSpace(Div table) {
        boolean gloss = translation.engineInfo().kind() == app.duizhao.translation.OutputKind.OFFLINE;
        table.setClassName("dz-gloss", gloss);
        // The stylesheet reserves the space before the first paint; this script only steps in for a browser whose
        // CSS cannot (no typed arithmetic), where the reservation comes after the first paint.
        table.getElement().executeJs("""
                const table = this, ratio = $0;
                const reserve = row => {
                  const en = row.querySelector('.dz-en');
                  if (en && parseFloat(getComputedStyle(en).minHeight) > 0 && !en.style.minHeight) return true;
                  const chars = parseInt(row.style.getPropertyValue('--dz-chars')) || 0;
                  if (!en || en.clientWidth === 0 || chars === 0) return false;
                  const cs = getComputedStyle(en), font = parseFloat(cs.fontSize);
                  const line = parseFloat(cs.lineHeight) || font * 1.6;
                  const lines = Math.ceil(chars * ratio * font * 0.5 / en.clientWidth);
                  en.style.minHeight = Math.round(lines * line + font * 2.2) + 'px';
                  return true;
                };
                const seen = new IntersectionObserver(entries => entries.forEach(e => {
                  if (e.isIntersecting && reserve(e.target)) seen.unobserve(e.target);
                }), {rootMargin: '100% 0px'});
                const watch = root => root.querySelectorAll('.dz-row').forEach(r => seen.observe(r));
                watch(table);
                new MutationObserver(changes => changes.forEach(c => c.addedNodes.forEach(n => {
                  if (n.nodeType === 1 && n.classList.contains('dz-row')) seen.observe(n);
                }))).observe(table, {childList: true});
                """, gloss ? 5.0 : 3.4);
    }

    private void fillPanel(AnnotationLayer annotationLayer) {
        ReaderImportTools sourceTools = importTools.getObject();
        sourceTools.show(article);
        panel.section("panel-explain", "Explanation", study.explainPanel()).setVisible(study.canExplain());
        panel.section("panel-summary", "Summary", summary);
        panel.section("panel-translation", "Translation", details);
        panel.section("panel-display", "Display and study", study.preferencesBar());
        panel.section("panel-learning", "Listen and learn",
                new LearningTools(articleWords, article.articleId(), study::knowledgeChanged));
        panel.section("panel-tags", "Tags", new TagsEditor(annotations, article.articleId()));
        panel.section("panel-versions", "Versions", new VersionsSection(annotations, article.articleId()));
        panel.section("panel-export", "Export", new ExportMenu(exports, article.articleId(), null));
        if (sourceTools.getChildren().findAny().isPresent()) {
            panel.section("panel-source", "Source text", sourceTools);
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        if (article == null) {
            return;
        }
        if (controls.running()) {
            controls.followRunning();
        } else if (settings.autoTranslate() && !autoStarted && controls.somethingMissing()) {
            // Opening an untranslated article starts its translation (or the offline gloss): no click needed.
            autoStarted = true;
            controls.start();
        }
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (controls != null) {
            controls.stop();
        }
        stopFeeding();
        super.onDetach(detachEvent);
    }

    private void stopFeeding() {
        if (feeder != null) {
            feeder.stop();
            feeder = null;
        }
    }

    /** The index among the rows of the block at {@code position} (0 if none). */
    private int indexOfPosition(int position) {
        int index = 0;
        for (int p : rows.keySet()) {
            if (p == position) {
                return index;
            }
            index++;
        }
        return 0;
    }

    /** Whether every row has been put in the table (long articles send theirs in batches; for tests). */
    boolean allRowsShown() {
        return feeder == null || feeder.done();
    }

    /** The rows, for tests. */
    Map<Integer, BlockRow> rows() {
        return rows;
    }

    String statusText() {
        return controls.statusText();
    }

    String summaryText() {
        return summary.text();
    }

    String costText() {
        return details.costText();
    }

    String glossaryNoticeText() {
        return details.glossaryNoticeText();
    }

    /** The side panel, for tests. */
    SidePanel panel() {
        return panel;
    }
}
