package app.duizhao.reader.ui;

import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;

import java.util.function.BiConsumer;

/**
 * One aligned row: the Chinese block on the left, its English on the right, and the note below both. Block N's
 * row always holds block N's English, so the columns cannot drift apart.
 */
class BlockRow extends Div {

    private final SnapshotBlock block;
    private final boolean editable;
    private final Div english = new Div();
    private final Span englishText = new Span();
    private final Span englishLabel = new Span();
    private final Div error = new Div();
    private final Div note = new Div();
    private final Div editor = new Div();
    private final Div chinese = new Div();
    private String machineEnglish;
    private String correctedEnglish;
    private String noteText;
    private boolean offlineGloss;
    private BiConsumer<Integer, String> onCorrect = (position, text) -> { };
    private BiConsumer<Integer, String> onNote = (position, text) -> { };
    // Translation engine: per-block re-translate/retry and a comparison of stored translations by model.
    private final Button retranslate = new Button("Re-translate");
    private java.util.function.IntConsumer onRetranslate = position -> { };
    private java.util.function.IntFunction<java.util.List<app.duizhao.translation.StoredTranslation>> stored =
            position -> java.util.List.of();

    BlockRow(SnapshotBlock block, String language, boolean editable) {
        this.block = block;
        this.editable = editable;
        this.machineEnglish = block.machineEnglish();
        this.correctedEnglish = block.correctedEnglish();
        this.noteText = block.note();
        this.offlineGloss = block.isOfflineGloss();
        addClassNames("dz-row", "dz-kind-" + block.kind());
        getElement().setAttribute("data-index", String.valueOf(block.position()));

        chinese.addClassName("dz-zh");
        chinese.getElement().setAttribute("lang", language);
        if (block.isImage()) {
            chinese.add(imageLink(block));
        } else {
            chinese.setText(block.text());
        }

        english.addClassName("dz-en");
        english.getElement().setAttribute("lang", "en");
        englishText.addClassName("dz-en-text");
        englishLabel.addClassName("dz-en-label");
        error.addClassName("dz-block-error");
        english.add(englishLabel, englishText, error);
        note.addClassName("dz-note");
        editor.addClassName("dz-editor");
        editor.setVisible(false);
        add(chinese, english, note, editor);
        if (editable && !block.isImage()) {
            english.add(actions());
        }
        showError(block.error());
        render();
    }

    int position() {
        return block.position();
    }

    void onCorrect(BiConsumer<Integer, String> onCorrect) {
        this.onCorrect = onCorrect;
    }

    void onNote(BiConsumer<Integer, String> onNote) {
        this.onNote = onNote;
    }

    void onRetranslate(java.util.function.IntConsumer onRetranslate) {
        this.onRetranslate = onRetranslate;
    }

    void storedTranslations(java.util.function.IntFunction<java.util.List<app.duizhao.translation.StoredTranslation>> stored) {
        this.stored = stored;
    }

    /** The per-block Re-translate (or Retry, after an error) button, for tests. */
    Button retranslateButton() {
        return retranslate;
    }

    /** Shows English while it streams in (not yet stored). */
    void showStreaming(String text) {
        getElement().setAttribute("data-state", "streaming");
        if (correctedEnglish == null) {
            englishText.setText(text);
        }
    }

    /** Shows a finished machine English. */
    void showMachineEnglish(String text, boolean offline) {
        machineEnglish = text;
        offlineGloss = offline;
        showError(null);
        render();
    }

    /** Shows what is stored for this block, dropping any text that streamed in but was never completed. */
    void showStored(SnapshotBlock stored) {
        machineEnglish = stored.machineEnglish();
        offlineGloss = stored.isOfflineGloss();
        correctedEnglish = stored.correctedEnglish();
        noteText = stored.note();
        render();
        showError(stored.error());
    }

    void showError(String message) {
        error.setText(message == null ? "" : message);
        error.setVisible(message != null);
        retranslate.setText(message != null ? "Retry" : "Re-translate");
        if (message != null) {
            getElement().setAttribute("data-state", "error");
        }
    }

    /** The English shown now (for tests). */
    String englishText() {
        return englishText.getText();
    }

    String noteText() {
        return noteText;
    }

    /** The Chinese cell; the study tools render its words (see {@link ReaderStudy}). */
    Div chinese() {
        return chinese;
    }

    /** Shows a note saved from elsewhere (an explanation saved as a note). */
    void showNote(String text) {
        noteText = text == null || text.isBlank() ? null : text.strip();
        render();
    }

    String errorText() {
        return error.isVisible() ? error.getText() : null;
    }

    private void render() {
        String shown = correctedEnglish != null ? correctedEnglish : machineEnglish;
        englishText.setText(shown == null ? "" : shown);
        if (correctedEnglish != null) {
            englishLabel.setText("Corrected");
            englishLabel.setVisible(true);
        } else if (machineEnglish != null && offlineGloss) {
            englishLabel.setText("Dictionary gloss");
            englishLabel.setVisible(true);
        } else {
            englishLabel.setVisible(false);
        }
        getElement().setAttribute("data-state", shown == null ? "empty" : "done");
        note.removeAll();
        if (noteText != null) {
            Span label = new Span("Note: ");
            label.addClassName("dz-note-label");
            note.add(label, new Span(noteText));
        }
        note.setVisible(noteText != null);
    }

    private Div actions() {
        Div actions = new Div();
        actions.addClassName("dz-row-actions");
        Button edit = new Button("Edit English", event -> openEditor("english",
                correctedEnglish != null ? correctedEnglish : machineEnglish, "Your English for this paragraph",
                text -> {
                    correctedEnglish = text == null || text.isBlank() ? null : text.strip();
                    onCorrect.accept(block.position(), text);
                }));
        edit.addClassName("dz-edit");
        Button addNote = new Button("Note", event -> openEditor("note", noteText, "Note on this paragraph", text -> {
            noteText = text == null || text.isBlank() ? null : text.strip();
            onNote.accept(block.position(), text);
        }));
        addNote.addClassName("dz-add-note");
        retranslate.addClassName("dz-retranslate");
        retranslate.addClickListener(event -> onRetranslate.accept(block.position()));
        for (Button button : new Button[]{edit, addNote, retranslate}) {
            button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            actions.add(button);
        }
        com.vaadin.flow.component.details.Details compare = new com.vaadin.flow.component.details.Details("Compare");
        compare.addClassName("dz-compare");
        compare.addOpenedChangeListener(event -> {
            if (!event.isOpened()) {
                return;
            }
            compare.removeAll();
            java.util.List<app.duizhao.translation.StoredTranslation> all = stored.apply(block.position());
            if (all.isEmpty()) {
                compare.add(new Span("No stored translations yet."));
            }
            for (app.duizhao.translation.StoredTranslation t : all) {
                Div item = new Div(new Span(t.label() + ": "), new Span(t.text()));
                item.addClassName("dz-compare-item");
                compare.add(item);
            }
        });
        actions.add(compare);
        return actions;
    }

    private void openEditor(String field, String initial, String label, java.util.function.Consumer<String> save) {
        editor.removeAll();
        TextArea area = new TextArea(label);
        area.getElement().setAttribute("data-field", field); // the annotation layer autosaves it as a draft
        area.setWidthFull();
        area.setValue(initial == null ? "" : initial);
        area.addClassName("dz-editor-text");
        Button saveButton = new Button("Save", event -> {
            save.accept(area.getValue());
            editor.setVisible(false);
            render();
        });
        saveButton.addClassName("dz-editor-save");
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        Button cancel = new Button("Cancel", event -> editor.setVisible(false));
        cancel.addThemeVariants(ButtonVariant.LUMO_SMALL);
        editor.add(area, saveButton, cancel);
        editor.setVisible(true);
        area.focus();
    }

    private static Anchor imageLink(SnapshotBlock block) {
        // Images are linked, not loaded, so opening an article tells no image host that you read it.
        String label = block.text().isBlank() ? "Image" : "Image: " + block.text();
        Anchor link = new Anchor(block.imageUrl() == null ? "" : block.imageUrl(), label, AnchorTarget.BLANK);
        link.getElement().setAttribute("rel", "noopener noreferrer");
        link.addClassName("dz-image-link");
        return link;
    }

    boolean isEditable() {
        return editable;
    }
}
