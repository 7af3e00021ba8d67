package app.duizhao.reader.ui;

import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import app.duizhao.study.ExplanationListener;
import app.duizhao.study.StudyService;
import app.duizhao.study.ui.ExplainPanel;
import app.duizhao.translation.ArticleContext;
import app.duizhao.translation.Cancellation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * "Explain" of the study tools: asks the LLM about a sentence, streams the answer into the {@link ExplainPanel}
 * (which the reader shows in its side panel, in view) and saves it as the paragraph's note on request.
 */
final class StudyExplainer {

    private final StudyService study;
    private final ExplainPanel panel;
    private ArticleSnapshot article;
    private Map<Integer, BlockRow> rows = Map.of();
    private int block = -1;
    private Cancellation running;

    StudyExplainer(StudyService study) {
        this.study = study;
        this.panel = new ExplainPanel(this::save, this::close);
    }

    /** Passes the browser's selected text and the index of its row (-1 if none) to {@code explain}. */
    static void withSelection(com.vaadin.flow.dom.Element element, java.util.function.ObjIntConsumer<String> explain) {
        element.executeJs("const s = window.getSelection ? window.getSelection() : null;"
                + "if (!s || s.isCollapsed) return '-1\\u0001';"
                + "const n = s.anchorNode && (s.anchorNode.nodeType === 1 ? s.anchorNode : s.anchorNode.parentElement);"
                + "const r = n && n.closest ? n.closest('.dz-row') : null;"
                + "return (r ? r.dataset.index : '-1') + '\\u0001' + s.toString();")
                .then(String.class, result -> {
                    int cut = result.indexOf('\u0001');
                    explain.accept(result.substring(cut + 1), Integer.parseInt(result.substring(0, cut)));
                });
    }

    ExplainPanel panel() {
        return panel;
    }

    void reset(ArticleSnapshot article, Map<Integer, BlockRow> rows, boolean editable) {
        this.article = article;
        this.rows = rows;
        if (!editable) {
            panel.withoutSaving();
        }
    }

    /** Explains {@code sentence} of block {@code position} through the LLM. */
    void explain(String sentence, int position) {
        cancel();
        block = position;
        String text = sentence == null ? "" : sentence.strip();
        panel.start(text);
        SnapshotBlock snapshotBlock = article.blocks().stream().filter(b -> b.position() == position).findFirst()
                .orElse(null);
        UI ui = UI.getCurrent();
        UiUpdates<String> partials = new UiUpdates<>(ui, batch -> batch.values().forEach(panel::partial));
        String date = article.publishedAt() == null ? null
                : DateTimeFormatter.ISO_LOCAL_DATE.format(article.publishedAt().atZoneSameInstant(ZoneOffset.UTC));
        running = study.explain(text, snapshotBlock == null ? text : snapshotBlock.text(),
                new ArticleContext(article.title(), article.sourceName(), date), new ExplanationListener() {
                    @Override
                    public void partial(String textSoFar) {
                        partials.offer("text", textSoFar);
                    }

                    @Override
                    public void completed(String answer) {
                        ui.access(() -> panel.completed(answer));
                    }

                    @Override
                    public void failed(String message) {
                        if (UI.getCurrent() == ui) {
                            panel.failed(message);
                        } else {
                            ui.access(() -> panel.failed(message));
                        }
                    }
                });
    }

    void cancel() {
        if (running != null) {
            running.cancel();
            running = null;
        }
    }

    private void close() {
        cancel();
        panel.setVisible(false);
    }

    private void save(String answer) {
        BlockRow row = rows.get(block);
        if (row == null) {
            Notification.show("Select a sentence in a paragraph to save its explanation as a note.");
            return;
        }
        String entry = "Explanation of 「" + panel.sentence() + "」:\n" + answer;
        // Appended to the note as stored now, not to the copy this tab shows: another tab's note is never lost.
        row.appendToNote(entry);
    }
}
