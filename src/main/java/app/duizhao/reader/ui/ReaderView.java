package app.duizhao.reader.ui;

import jakarta.annotation.security.PermitAll;
import app.duizhao.annotation.AnnotationService;
import app.duizhao.annotation.VersionInfo;
import app.duizhao.annotation.ui.AnnotationLayer;
import app.duizhao.annotation.ui.TagsEditor;
import app.duizhao.export.ExportService;
import app.duizhao.export.ui.ExportMenu;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import app.duizhao.library.LibraryService;
import app.duizhao.library.ui.LibraryView;
import app.duizhao.translation.EngineInfo;
import app.duizhao.translation.OutputKind;
import app.duizhao.translation.TranslationJob;
import app.duizhao.translation.TranslationListener;
import app.duizhao.translation.TranslationService;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reader: the article's Chinese blocks on the left, each facing its English on the right, with the summary,
 * translation controls, notes, corrections, saved versions and export.
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

    private final Map<Integer, BlockRow> rows = new LinkedHashMap<>();
    private final app.duizhao.account.CurrentUser currentUser;
    private final Div glossaryNotice = new Div();
    private final Button proposeTerms = new Button("Propose glossary terms");
    private final Button translate = new Button();
    private final Button cancel = new Button("Cancel");
    private final ProgressBar progress = new ProgressBar();
    private final Span status = new Span();
    private final Span cost = new Span();
    private final Div summary = new Div();
    private final Span summaryLabel = new Span();
    private final Div summaryText = new Div();
    private final Details versions = new Details();
    private final TextField versionMessage = new TextField();
    private ArticleSnapshot article;
    private RowFeeder feeder;
    private String title = "Article";
    private Runnable unsubscribe;

    public ReaderView(LibraryService library, TranslationService translation, AnnotationService annotations,
                      ExportService exports, ReaderStudy study, app.duizhao.account.CurrentUser currentUser) {
        this.currentUser = currentUser;
        this.library = library;
        this.translation = translation;
        this.annotations = annotations;
        this.exports = exports;
        this.study = study;
        addClassName("dz-reader");
        setPadding(false);
    }

    @Override
    public void setParameter(BeforeEvent event, Long articleId) {
        removeAll();
        rows.clear();
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
        EngineInfo engine = translation.engineInfo();
        AnnotationLayer annotationLayer = AnnotationLayer.editable(annotations, article.articleId());
        add(new ArticleHeader(article), new TagsEditor(annotations, article.articleId()), toolbar(engine),
                summarySection(), annotationLayer);
        add(new app.duizhao.importing.ui.ReaderImportTools(article)); // script toggle, cleaning audit
        add(study.learningTools(article.articleId())); // Listen, "Mark the rest known" (issue 16)
        if (engine.kind() == OutputKind.OFFLINE || article.isOfflineGloss()) {
            Paragraph notice = new Paragraph("Offline mode: no LLM is configured, so the right-hand column shows a "
                    + "word-by-word dictionary gloss from CC-CEDICT and the summary lists key sentences chosen by "
                    + "TextRank. Neither is a translation. Set duizhao.llm.provider to openai or ollama for one.");
            notice.addClassName("dz-offline-notice");
            notice.setId("offline-notice");
            add(notice);
        }
        Div table = new Div();
        table.addClassName("dz-rows");
        table.setId("rows");
        Div heading = new Div(new Span("中文"), new Span("English"));
        heading.addClassName("dz-rows-heading");
        table.add(heading);
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
                follow(translation.retranslateBlock(article.articleId(), position));
            }

            @Override
            public List<app.duizhao.translation.StoredTranslation> stored(int position) {
                return translation.storedTranslations(article.articleId(), position);
            }
        };
        for (SnapshotBlock block : article.blocks()) {
            rows.put(block.position(), new BlockRow(block, article.language(), rowActions));
        }
        stopFeeding();
        feeder = RowFeeder.feed(table, List.copyOf(rows.values()),
                indexOfPosition(study.readingPositionOf(article.articleId())));
        // One listener for every row's buttons (plain HTML buttons with data-row-action): no component per button.
        table.getElement().addEventListener("click", event -> {
            String action = ReaderStudy.text(event, BlockRow.ROW_ACTION);
            BlockRow row = rows.get(ReaderStudy.number(event, ReaderStudy.ROW_INDEX));
            if (!action.isEmpty() && row != null) {
                row.act(action);
            }
        }).addEventData(BlockRow.ROW_ACTION).addEventData(ReaderStudy.ROW_INDEX)
                .setFilter(BlockRow.ROW_ACTION_FILTER);
        add(table);
        study.install(this, article, rows, table); // pinyin, dictionary popup, vocabulary, HSK, keys (issue 5)
        refreshTranslateButton(null);
    }

    private Div toolbar(EngineInfo engine) {
        Div toolbar = new Div();
        toolbar.addClassName("dz-toolbar");
        translate.setId("translate");
        translate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        translate.addClickListener(event -> startTranslation());
        cancel.setId("cancel");
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
        cancel.addClickListener(event -> translation.cancel(article.articleId()));
        cancel.setVisible(false);
        progress.setId("progress");
        progress.setVisible(false);
        progress.setWidth("12em");
        status.setId("status");
        status.addClassName("dz-status");
        Span engineLabel = new Span(engine.kind() == OutputKind.OFFLINE ? "Offline gloss (no LLM)"
                : "Model: " + engine.label());
        engineLabel.addClassName("dz-hint");

        versionMessage.setPlaceholder("Version message (optional)");
        versionMessage.setId("version-message");
        Button save = new Button("Save version", event -> saveVersion());
        save.setId("save-version");

        ExportMenu export = new ExportMenu(exports, article.articleId(), null);
        RouterLink history = new RouterLink("History", HistoryView.class, HistoryView.parameters(article.articleId()));
        history.setId("history");

        versions.setId("versions");
        refreshVersions();

        cost.setId("translation-cost");
        cost.addClassName("dz-hint");
        refreshCost();
        proposeTerms.setId("propose-terms");
        proposeTerms.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        proposeTerms.setVisible(engine.kind() == OutputKind.LLM);
        proposeTerms.addClickListener(event -> proposeGlossaryTerms());
        glossaryNotice.setId("glossary-notice");
        glossaryNotice.addClassName("dz-glossary-notice");
        glossaryNotice.setVisible(false);
        Div translateGroup = new Div(translate, cancel, progress, status, engineLabel, cost, proposeTerms);
        translateGroup.addClassName("dz-toolbar-group");
        Div saveGroup = new Div(versionMessage, save, history, export);
        saveGroup.addClassName("dz-toolbar-group");
        toolbar.add(translateGroup, saveGroup, versions, glossaryNotice);
        return toolbar;
    }

    private Div summarySection() {
        summary.addClassName("dz-summary");
        summary.setId("summary");
        summaryLabel.addClassName("dz-summary-label");
        summaryText.addClassName("dz-summary-text");
        summary.add(summaryLabel, summaryText);
        showSummary(article.summary(), article.isOfflineSummary());
        return summary;
    }

    private void showSummary(String text, boolean offline) {
        summary.setVisible(text != null && !text.isBlank());
        summaryLabel.setText(offline ? "Key sentences (offline extract by TextRank, not a translation)" : "Summary");
        summaryText.setText(text == null ? "" : text);
    }

    private void startTranslation() {
        boolean everythingDone = article.blocks().stream()
                .filter(block -> !block.isImage())
                .allMatch(block -> rows.get(block.position()).englishText() != null
                        && !rows.get(block.position()).englishText().isBlank()
                        && rows.get(block.position()).errorText() == null)
                && summary.isVisible()
                && sameEngineAsShown();
        TranslationJob job = translation.start(article.articleId(), everythingDone);
        follow(job);
    }

    private boolean sameEngineAsShown() {
        EngineInfo engine = translation.engineInfo();
        return article.translationKind() == null
                || (engine.kind().name().equals(article.translationKind())
                && (engine.kind() == OutputKind.OFFLINE || engine.model().equals(article.translationModel())));
    }

    /** Shows a job's progress and streams its text into the rows until it ends. */
    private void follow(TranslationJob job) {
        stopFollowing();
        UI ui = UI.getCurrent();
        boolean offline = job.engine().kind() == OutputKind.OFFLINE;
        UiUpdates<Integer> blockUpdates = new UiUpdates<>(ui, batch -> batch.forEach((position, text) -> {
            BlockRow row = rows.get(position);
            if (row != null) {
                row.showStreaming(text);
            }
        }));
        UiUpdates<String> summaryUpdates = new UiUpdates<>(ui, batch -> batch.values()
                .forEach(text -> showSummary(text, offline)));
        unsubscribe = job.addListener(new TranslationListener() {
            @Override
            public void blockUpdated(int position, String englishSoFar, boolean complete) {
                if (complete) {
                    ui.access(() -> {
                        BlockRow row = rows.get(position);
                        if (row != null) {
                            row.showMachineEnglish(englishSoFar, offline);
                        }
                        showProgress(job);
                    });
                } else {
                    blockUpdates.offer(position, englishSoFar);
                }
            }

            @Override
            public void blockFailed(int position, String message) {
                ui.access(() -> {
                    BlockRow row = rows.get(position);
                    if (row != null) {
                        row.showError(message);
                    }
                    showProgress(job);
                });
            }

            @Override
            public void summaryUpdated(String textSoFar, boolean complete) {
                if (complete) {
                    ui.access(() -> showSummary(textSoFar, offline));
                } else {
                    summaryUpdates.offer("summary", textSoFar);
                }
            }

            @Override
            public void finished(TranslationJob finished) {
                ui.access(() -> showFinished(finished));
            }
        });
        job.partials().forEach((position, text) -> {
            BlockRow row = rows.get(position);
            if (row != null) {
                row.showStreaming(text);
            }
        });
        if (job.isRunning()) {
            showProgress(job);
        } else {
            showFinished(job);
        }
    }

    private void showProgress(TranslationJob job) {
        if (!job.isRunning()) {
            return;
        }
        translate.setEnabled(false);
        cancel.setVisible(true);
        progress.setVisible(true);
        int total = Math.max(job.total(), 1);
        progress.setValue(Math.min(1.0, job.done() / (double) total));
        String verb = job.engine().kind() == OutputKind.OFFLINE ? "Glossing" : "Translating with "
                + job.engine().label();
        status.setText(job.isSummarizing() ? "Writing the summary…"
                : job.total() == 0 ? "Starting…" : verb + ": " + job.done() + " of " + job.total() + " paragraphs");
        status.removeClassName("dz-error");
    }

    private void showFinished(TranslationJob job) {
        cancel.setVisible(false);
        progress.setVisible(false);
        translate.setEnabled(true);
        switch (job.status()) {
            case DONE -> {
                status.setText(job.engine().kind() == OutputKind.OFFLINE ? "Glossed offline." : "Translated.");
                status.removeClassName("dz-error");
            }
            case CANCELLED, FAILED -> {
                status.setText(job.message());
                status.addClassName("dz-error");
            }
            default -> { }
        }
        showGlossaryMisses(job);
        // Re-read what was stored: the rows then show every block, even one finished before we started following.
        article = library.snapshot(article.articleId()).orElse(article);
        for (SnapshotBlock block : article.blocks()) {
            BlockRow row = rows.get(block.position());
            if (row != null) {
                row.showStored(block);
            }
        }
        showSummary(article.summary(), article.isOfflineSummary());
        refreshCost();
        refreshTranslateButton(job);
        stopFollowing();
    }

    /** One line: tokens and estimated cost of this article's LLM calls, per model. */
    private void refreshCost() {
        List<app.duizhao.translation.ModelUsage> used = translation.usage(article.articleId());
        cost.setText(used.isEmpty() ? "" : used.stream().map(u -> u.model() + ": " + (u.promptTokens() + u.completionTokens())
                + " tokens" + (u.estimated() ? " (est.)" : "") + String.format(Locale.ROOT, ", $%.4f", u.cost()))
                .collect(java.util.stream.Collectors.joining(" · ", "Cost: ", "")));
    }

    String costText() {
        return cost.getText();
    }

    /** Says which glossary terms the English of which paragraphs left out, so the user can check them. */
    private void showGlossaryMisses(TranslationJob job) {
        Map<Integer, List<app.duizhao.translation.GlossaryEntry>> misses = job.glossaryMisses();
        if (misses.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder("Glossary check: ");
        misses.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(miss -> text
                .append("paragraph ").append(miss.getKey() + 1).append(" does not use ")
                .append(miss.getValue().stream().map(term -> term.chinese() + " → " + term.english())
                        .collect(java.util.stream.Collectors.joining(", ")))
                .append("; "));
        glossaryNotice.removeAll();
        glossaryNotice.add(new Span(text.substring(0, text.length() - 2) + "."));
        glossaryNotice.setVisible(true);
    }

    /** Asks the LLM for names in this article in the background and offers them on the glossary page. */
    private void proposeGlossaryTerms() {
        UI ui = UI.getCurrent();
        long articleId = article.articleId();
        proposeTerms.setEnabled(false);
        proposeTerms.setText("Proposing terms…");
        Thread.ofVirtual().name("propose-terms-" + articleId).start(currentUser.wrap(() -> {
            String message;
            boolean failed = false;
            try {
                List<app.duizhao.translation.ProposedTerm> terms = translation.proposeTerms(articleId);
                message = terms.isEmpty() ? "The LLM found no names to propose."
                        : "The LLM proposed " + terms.size() + " terms: " + terms.stream()
                        .map(term -> term.chinese() + " → " + term.english())
                        .collect(java.util.stream.Collectors.joining(", ")) + ". Accept them on the Glossary page.";
            } catch (RuntimeException e) {
                message = e instanceof app.duizhao.translation.TranslationException ? e.getMessage()
                        : "Proposing terms failed (" + e.getClass().getSimpleName() + ").";
                failed = true;
            }
            String shown = message;
            boolean error = failed;
            ui.access(() -> {
                proposeTerms.setEnabled(true);
                proposeTerms.setText("Propose glossary terms");
                glossaryNotice.removeAll();
                Span text = new Span(shown + " ");
                if (error) {
                    text.addClassName("dz-error");
                }
                glossaryNotice.add(text, new RouterLink("Open the glossary",
                        app.duizhao.translation.ui.GlossaryView.class));
                glossaryNotice.setVisible(true);
            });
        }));
    }

    String glossaryNoticeText() {
        return glossaryNotice.isVisible() ? glossaryNotice.getElement().getTextRecursively() : "";
    }

    private void refreshTranslateButton(TranslationJob lastJob) {
        boolean offline = translation.engineInfo().kind() == OutputKind.OFFLINE;
        long missing = article.blocks().stream()
                .filter(block -> !block.isImage())
                .filter(block -> block.machineEnglish() == null || block.error() != null)
                .count();
        long total = article.blocks().stream().filter(block -> !block.isImage()).count();
        String action = offline ? "Gloss" : "Translate";
        if (lastJob != null && lastJob.status() != TranslationJob.Status.DONE) {
            translate.setText("Retry");
        } else if (missing == total || !sameEngineAsShown()) {
            translate.setText(action);
        } else if (missing > 0 || article.summary() == null) {
            translate.setText(action + " the rest");
        } else {
            translate.setText(action + " again");
        }
    }

    private void saveVersion() {
        VersionInfo version = annotations.saveVersion(article.articleId(), versionMessage.getValue());
        versionMessage.clear();
        refreshVersions();
        Notification.show("Saved version " + version.number() + ".");
    }

    private void refreshVersions() {
        List<VersionInfo> saved = annotations.versions(article.articleId());
        versions.setSummaryText("Versions (" + saved.size() + ")");
        versions.removeAll();
        if (saved.isEmpty()) {
            versions.add(new Span("No saved versions yet."));
        }
        for (VersionInfo version : saved) {
            RouterLink link = new RouterLink("Version " + version.number() + " · " + SAVED.format(version.savedAt())
                    + (version.message() == null ? "" : " · " + version.message()), VersionView.class,
                    VersionView.parameters(version.articleId(), version.number()));
            link.addClassName("dz-version-link");
            versions.add(new Div(link));
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        if (article != null) {
            translation.job(article.articleId()).filter(TranslationJob::isRunning).ifPresent(this::follow);
        }
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        stopFollowing();
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

    private void stopFollowing() {
        if (unsubscribe != null) {
            unsubscribe.run();
            unsubscribe = null;
        }
    }

    /** The rows, for tests. */
    Map<Integer, BlockRow> rows() {
        return rows;
    }

    String statusText() {
        return status.getText();
    }

    String summaryText() {
        return summary.isVisible() ? summaryText.getText() : null;
    }
}
