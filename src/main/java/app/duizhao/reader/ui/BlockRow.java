package app.duizhao.reader.ui;

import app.duizhao.base.Markdown;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import app.duizhao.library.WebLinks;
import app.duizhao.study.ui.ChineseHtml;
import app.duizhao.translation.StoredTranslation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;

import java.util.List;
import java.util.function.Consumer;

/**
 * One aligned row: the Chinese block on the left, its English on the right, and the note below both. Block N's
 * row always holds block N's English, so the columns cannot drift apart.
 *
 * <p>A row is kept small because a long article has hundreds of them in every open reader: three server-side
 * elements (the row, the Chinese cell, the English cell), the cells' content as one {@code innerHTML} each, and the
 * row's buttons (Edit English, Note, Re-translate, Compare) as plain HTML buttons carrying {@code data-row-action}.
 * One click listener on the rows (see {@link ReaderView}) passes them to {@link #act(String)}. The note, the editor
 * and the comparison are components created only when there is something to show.
 */
class BlockRow extends Div {

    /** What a row's buttons do; one instance serves every row of a reader. */
    interface Actions {
        void correct(int position, String text);

        void note(int position, String text);

        /** Adds a paragraph to the end of the note as stored now; returns the whole note. */
        String appendToNote(int position, String addition);

        void retranslate(int position);

        List<StoredTranslation> stored(int position);
    }

    /** Event data: the {@code data-row-action} of the clicked row button, or empty. */
    static final String ROW_ACTION = "event.target.closest && event.target.closest('[data-row-action]') ? "
            + "event.target.closest('[data-row-action]').dataset.rowAction : ''";

    /** The filter of the rows' listener for these buttons. */
    static final String ROW_ACTION_FILTER = "event.target.closest && event.target.closest('[data-row-action]') != null";

    private final SnapshotBlock block;
    private final Actions actions;
    private final Div chinese = new Div();
    private final Div english = new Div();
    private Div note;
    private Div editor;
    private Div compare;
    private String machineEnglish;
    private String correctedEnglish;
    private String noteText;
    private String error;
    private String shownEnglish = "";
    private boolean offlineGloss;

    /** A row; {@code actions} {@code null} makes it read-only (a saved version). */
    BlockRow(SnapshotBlock block, String language, Actions actions) {
        this.block = block;
        this.actions = actions;
        this.machineEnglish = block.machineEnglish();
        this.correctedEnglish = block.correctedEnglish();
        this.noteText = block.note();
        this.offlineGloss = block.isOfflineGloss();
        this.error = block.error();
        addClassNames("dz-row", "dz-kind-" + block.kind());
        getElement().setAttribute("data-index", String.valueOf(block.position()));

        chinese.addClassName("dz-zh");
        chinese.getElement().setAttribute("lang", language);
        if (block.isImage()) {
            chinese.getElement().setProperty("innerHTML", imageLink(block));
        } else {
            showChinese(escaped(block.text()));
        }
        english.addClassName("dz-en");
        english.getElement().setAttribute("lang", "en");
        add(chinese, english);
        render();
    }

    int position() {
        return block.position();
    }

    /** Whether the row offers its editing buttons. */
    boolean isEditable() {
        return actions != null;
    }

    /** Sets the Chinese cell's HTML (its text, or the study tools' word spans). */
    void showChinese(String html) {
        chinese.getElement().setProperty("innerHTML", html);
    }

    /** Runs one of the row's buttons ({@code data-row-action}: edit, note, retranslate, compare). */
    void act(String action) {
        if (actions == null || block.isImage()) {
            return;
        }
        switch (action) {
            case "edit" -> openEditor("english", correctedEnglish != null ? correctedEnglish : machineEnglish,
                    "Your English for this paragraph", text -> {
                        correctedEnglish = text == null || text.isBlank() ? null : text.strip();
                        actions.correct(block.position(), text);
                    });
            case "note" -> openEditor("note", noteText, "Note on this paragraph", text -> {
                noteText = text == null || text.isBlank() ? null : text.strip();
                actions.note(block.position(), text);
            });
            case "retranslate" -> actions.retranslate(block.position());
            case "compare" -> toggleCompare();
            default -> { }
        }
    }

    /** Shows English while it streams in (not yet stored). */
    void showStreaming(String text) {
        getElement().setAttribute("data-state", "streaming");
        if (correctedEnglish == null) {
            shownEnglish = text == null ? "" : text;
            renderEnglish();
        }
    }

    /** Shows a finished machine English. */
    void showMachineEnglish(String text, boolean offline) {
        machineEnglish = text;
        offlineGloss = offline;
        error = null;
        render();
    }

    /** Shows what is stored for this block, dropping any text that streamed in but was never completed. */
    void showStored(SnapshotBlock stored) {
        machineEnglish = stored.machineEnglish();
        offlineGloss = stored.isOfflineGloss();
        correctedEnglish = stored.correctedEnglish();
        noteText = stored.note();
        error = stored.error();
        render();
    }

    void showError(String message) {
        error = message;
        renderEnglish();
        if (message != null) {
            getElement().setAttribute("data-state", "error");
        }
    }

    /** The English shown now (for tests). */
    String englishText() {
        return shownEnglish;
    }

    String noteText() {
        return noteText;
    }

    /** The Chinese cell; the study tools render its words (see {@link ReaderStudy}). */
    Div chinese() {
        return chinese;
    }

    /** The English cell's HTML (for tests). */
    String englishHtml() {
        return english.getElement().getProperty("innerHTML", "");
    }

    /** Shows a note saved from elsewhere (an explanation saved as a note). */
    /** Adds a paragraph to this block's note (kept with whatever the note holds by now) and shows the result. */
    void appendToNote(String addition) {
        showNote(actions.appendToNote(block.position(), addition));
    }

    void showNote(String text) {
        noteText = text == null || text.isBlank() ? null : text.strip();
        render();
    }

    String errorText() {
        return error;
    }

    private void render() {
        String shown = correctedEnglish != null ? correctedEnglish : machineEnglish;
        shownEnglish = shown == null ? "" : shown;
        renderEnglish();
        getElement().setAttribute("data-state", error != null ? "error" : shown == null ? "empty" : "done");
        renderNote();
    }

    private void renderEnglish() {
        StringBuilder h = new StringBuilder(shownEnglish.length() + 512);
        String label = correctedEnglish != null ? "Corrected"
                : machineEnglish != null && offlineGloss && shownEnglish.equals(machineEnglish) ? "Dictionary gloss" : null;
        if (label != null) {
            h.append("<span class=\"dz-en-label\">").append(label).append("</span>");
        }
        h.append("<span class=\"dz-en-text\">");
        ChineseHtml.escape(shownEnglish, h);
        h.append("</span>");
        if (error != null) {
            h.append("<div class=\"dz-block-error\">");
            ChineseHtml.escape(error, h);
            h.append("</div>");
        }
        if (actions != null && !block.isImage()) {
            h.append("<div class=\"dz-row-actions\">");
            button(h, "edit", "dz-edit", "Edit English");
            button(h, "note", "dz-add-note", "Note");
            button(h, "retranslate", "dz-retranslate", error != null ? "Retry" : "Re-translate");
            button(h, "compare", "dz-compare", "Compare");
            h.append("</div>");
        }
        english.getElement().setProperty("innerHTML", h.toString());
    }

    private static void button(StringBuilder h, String action, String cssClass, String label) {
        h.append("<button type=\"button\" class=\"dz-row-button ").append(cssClass).append("\" data-row-action=\"")
                .append(action).append("\">").append(label).append("</button>");
    }

    private void renderNote() {
        if (noteText == null) {
            if (note != null) {
                remove(note);
                note = null;
            }
            return;
        }
        if (note == null) {
            note = new Div();
            note.addClassName("dz-note");
            addComponentAtIndex(2, note);
        }
        StringBuilder h = new StringBuilder(noteText.length() + 64);
        // The note is Markdown: rendered by commonmark-java, reduced to a safe list of tags.
        h.append("<span class=\"dz-note-label\">Note: </span><div class=\"dz-note-body\">");
        h.append(Markdown.toSafeHtml(noteText));
        h.append("</div>");
        note.getElement().setProperty("innerHTML", h.toString());
    }

    private void toggleCompare() {
        if (compare != null) {
            remove(compare);
            compare = null;
            return;
        }
        compare = new Div();
        compare.addClassName("dz-compare-panel");
        List<StoredTranslation> all = actions.stored(block.position());
        if (all.isEmpty()) {
            compare.add(new Span("No stored translations yet."));
        }
        for (StoredTranslation t : all) {
            Div item = new Div(new Span(t.label() + ": "), new Span(t.text()));
            item.addClassName("dz-compare-item");
            compare.add(item);
        }
        add(compare);
    }

    private void openEditor(String field, String initial, String label, Consumer<String> save) {
        if (editor != null) {
            remove(editor);
        }
        Div opened = new Div();
        opened.addClassName("dz-editor");
        TextArea area = new TextArea(label);
        area.getElement().setAttribute("data-field", field); // the annotation layer autosaves it as a draft
        area.setWidthFull();
        area.setValue(initial == null ? "" : initial);
        area.addClassName("dz-editor-text");
        Button saveButton = new Button("Save", event -> {
            save.accept(area.getValue());
            closeEditor();
            render();
        });
        saveButton.addClassName("dz-editor-save");
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        Button cancel = new Button("Cancel", event -> closeEditor());
        cancel.addThemeVariants(ButtonVariant.LUMO_SMALL);
        opened.add(area, saveButton, cancel);
        editor = opened;
        add(editor);
        area.focus();
    }

    private void closeEditor() {
        if (editor != null) {
            remove(editor);
            editor = null;
        }
    }

    private static String escaped(String text) {
        StringBuilder h = new StringBuilder(text.length() + 16);
        ChineseHtml.escape(text, h);
        return h.toString();
    }

    private static String imageLink(SnapshotBlock block) {
        // Images are linked, not loaded, so opening an article tells no image host that you read it.
        String label = block.text().isBlank() ? "Image" : "Image: " + block.text();
        StringBuilder h = new StringBuilder(256);
        h.append("<a class=\"dz-image-link\" target=\"_blank\" rel=\"noopener noreferrer\" href=\"");
        // No script: only a parsed http(s) address from an imported page becomes clickable (WebLinks).
        ChineseHtml.escape(WebLinks.web(block.imageUrl()).orElse(""), h);
        h.append("\">");
        ChineseHtml.escape(label, h);
        h.append("</a>");
        return h.toString();
    }
}
