package app.duizhao.reader.ui;

import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import app.duizhao.library.LibraryService;
import app.duizhao.translation.EngineInfo;
import app.duizhao.translation.OutputKind;
import app.duizhao.translation.TranslationJob;
import app.duizhao.translation.TranslationListener;
import app.duizhao.translation.TranslationService;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.shared.Registration;

import java.util.Map;

/**
 * The reader's translation controls, one slot of the toolbar: Translate (or Cancel while a job runs, in the same
 * place), a one-line status and a thin progress bar along the toolbar's bottom edge, so nothing around them moves
 * while an article translates. Streams each job's English into the rows it is given.
 *
 * <p>It tells the reader what happened through component events (the summary as it arrives, a job that ended), so
 * the reader's other parts never look it up.
 */
class TranslationControls extends Div {

    /** The summary changed (streamed, or finished). */
    static final class SummaryChanged extends ComponentEvent<TranslationControls> {
        private final String text;
        private final boolean offline;

        SummaryChanged(TranslationControls source, String text, boolean offline) {
            super(source, false);
            this.text = text;
            this.offline = offline;
        }

        String text() {
            return text;
        }

        boolean offline() {
            return offline;
        }
    }

    /** A job ended; {@link #article()} is the article as stored now. */
    static final class Finished extends ComponentEvent<TranslationControls> {
        private final TranslationJob job;
        private final ArticleSnapshot article;

        Finished(TranslationControls source, TranslationJob job, ArticleSnapshot article) {
            super(source, false);
            this.job = job;
            this.article = article;
        }

        TranslationJob job() {
            return job;
        }

        ArticleSnapshot article() {
            return article;
        }
    }

    private final TranslationService translation;
    private final LibraryService library;
    private final Map<Integer, BlockRow> rows;
    private final Button translate = new Button();
    private final Button cancel = new Button("Cancel");
    private final ProgressBar progress = new ProgressBar();
    private final Span status = new Span();
    private ArticleSnapshot article;
    private boolean summaryShown;
    private Runnable unsubscribe;

    TranslationControls(TranslationService translation, LibraryService library, ArticleSnapshot article,
                        Map<Integer, BlockRow> rows) {
        this.translation = translation;
        this.library = library;
        this.article = article;
        this.rows = rows;
        this.summaryShown = article.summary() != null && !article.summary().isBlank();
        addClassName("dz-translation-controls");
        translate.setId("translate");
        translate.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        translate.addClickListener(event -> start());
        cancel.setId("cancel");
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        cancel.addClickListener(event -> translation.cancel(this.article.articleId()));
        cancel.setVisible(false);
        progress.setId("progress");
        progress.addClassName("dz-progress");
        progress.setVisible(false);
        progress.getElement().setAttribute("aria-label", "Translation progress");
        status.setId("status");
        status.addClassName("dz-status");
        status.getElement().setAttribute("role", "status");
        add(translate, cancel, status, progress);
        refreshButton(null);
    }

    Registration addSummaryListener(ComponentEventListener<SummaryChanged> listener) {
        return addListener(SummaryChanged.class, listener);
    }

    Registration addFinishedListener(ComponentEventListener<Finished> listener) {
        return addListener(Finished.class, listener);
    }

    /** Whether some paragraph still has no English (or an error), so opening the article may start a job. */
    boolean somethingMissing() {
        return article.blocks().stream().filter(block -> !block.isImage())
                .anyMatch(block -> block.machineEnglish() == null || block.error() != null);
    }

    /** Whether a job for this article runs now. */
    boolean running() {
        return translation.job(article.articleId()).filter(TranslationJob::isRunning).isPresent();
    }

    /** Starts (or resumes) the article's translation, as the Translate button does. */
    void start() {
        if (!translate.isEnabled()) {
            return;
        }
        boolean everythingDone = article.blocks().stream()
                .filter(block -> !block.isImage())
                .allMatch(block -> {
                    BlockRow row = rows.get(block.position());
                    return row != null && row.englishText() != null && !row.englishText().isBlank()
                            && row.errorText() == null;
                })
                && summaryShown
                && sameEngineAsShown();
        follow(translation.start(article.articleId(), everythingDone));
    }

    /** Re-translates one paragraph (a row's button). */
    void retranslate(int position) {
        follow(translation.retranslateBlock(article.articleId(), position));
    }

    /** Follows the article's running job, if any (the page was opened while it runs). */
    void followRunning() {
        translation.job(article.articleId()).filter(TranslationJob::isRunning).ifPresent(this::follow);
    }

    private boolean sameEngineAsShown() {
        EngineInfo engine = translation.engineInfo();
        return article.translationKind() == null
                || (engine.kind().name().equals(article.translationKind())
                && (engine.kind() == OutputKind.OFFLINE || engine.model().equals(article.translationModel())));
    }

    /** Shows a job's progress and streams its text into the rows until it ends. */
    void follow(TranslationJob job) {
        stop();
        UI ui = UI.getCurrent();
        boolean offline = job.engine().kind() == OutputKind.OFFLINE;
        UiUpdates<Integer> blockUpdates = new UiUpdates<>(ui, batch -> batch.forEach(this::stream));
        UiUpdates<String> summaryUpdates = new UiUpdates<>(ui, batch -> batch.values()
                .forEach(text -> summary(text, offline)));
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
                    ui.access(() -> summary(textSoFar, offline));
                } else {
                    summaryUpdates.offer("summary", textSoFar);
                }
            }

            @Override
            public void finished(TranslationJob finished) {
                ui.access(() -> showFinished(finished));
            }
        });
        job.partials().forEach(this::stream);
        if (job.isRunning()) {
            showProgress(job);
        } else {
            showFinished(job);
        }
    }

    private void stream(int position, String text) {
        BlockRow row = rows.get(position);
        if (row != null) {
            row.showStreaming(text);
        }
    }

    private void summary(String text, boolean offline) {
        summaryShown = text != null && !text.isBlank();
        fireEvent(new SummaryChanged(this, text, offline));
    }

    private void showProgress(TranslationJob job) {
        if (!job.isRunning()) {
            return;
        }
        translate.setEnabled(false);
        translate.setVisible(false);
        cancel.setVisible(true);
        progress.setVisible(true);
        int total = Math.max(job.total(), 1);
        progress.setValue(Math.min(1.0, job.done() / (double) total));
        String verb = job.engine().kind() == OutputKind.OFFLINE ? "Glossing" : "Translating";
        status.setText(job.isSummarizing() ? "Writing the summary…"
                : job.total() == 0 ? "Starting…" : verb + ": " + job.done() + " of " + job.total() + " paragraphs");
        status.removeClassName("dz-error");
    }

    private void showFinished(TranslationJob job) {
        cancel.setVisible(false);
        progress.setVisible(false);
        translate.setVisible(true);
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
        // Re-read what was stored: the rows then show every block, even one finished before we started following.
        article = library.snapshot(article.articleId()).orElse(article);
        for (SnapshotBlock block : article.blocks()) {
            BlockRow row = rows.get(block.position());
            if (row != null) {
                row.showStored(block);
            }
        }
        summary(article.summary(), article.isOfflineSummary());
        refreshButton(job);
        stop();
        fireEvent(new Finished(this, job, article));
    }

    private void refreshButton(TranslationJob lastJob) {
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

    /** Stops streaming into the rows (the reader was closed). */
    void stop() {
        if (unsubscribe != null) {
            unsubscribe.run();
            unsubscribe = null;
        }
    }

    String statusText() {
        return status.getText();
    }
}
