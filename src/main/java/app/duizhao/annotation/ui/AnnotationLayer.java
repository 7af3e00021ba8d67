package app.duizhao.annotation.ui;

import app.duizhao.annotation.AnnotationService;
import app.duizhao.annotation.DraftField;
import app.duizhao.annotation.DraftInfo;
import app.duizhao.annotation.EditConflictException;
import app.duizhao.annotation.SavedNote;
import app.duizhao.annotation.HighlightColour;
import app.duizhao.annotation.HighlightConflictException;
import app.duizhao.annotation.HighlightDraft;
import app.duizhao.annotation.HighlightInfo;
import app.duizhao.annotation.Side;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextArea;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Everything the reader adds over the rows for annotating: highlights (select text in either column, pick a colour,
 * add a note; click a highlight to change or remove it), the panel of orphaned annotations, the notice of drafts
 * restored from autosave, and saving corrections and notes with optimistic locking (an edit conflict shows both
 * texts and overwrites nothing). Read-only for a saved version: it then only draws the version's highlights.
 */
public class AnnotationLayer extends Div {

    /** How often the text of open editors is autosaved. */
    static final int AUTOSAVE_MILLIS = 3000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AnnotationService annotations;
    private final long articleId;
    private final boolean editable;
    private final Div popover = new Div();
    private final Details orphans = new Details();
    private final Div drafts = new Div();
    private final Map<Integer, Long> revisions = new HashMap<>();
    private List<HighlightInfo> highlights = List.of();
    private Runnable afterChange = () -> { };

    private AnnotationLayer(AnnotationService annotations, long articleId, boolean editable,
                            List<HighlightInfo> highlights) {
        this.annotations = annotations;
        this.articleId = articleId;
        this.editable = editable;
        this.highlights = highlights;
        addClassName("dz-annotations");
        setId("annotations");
        popover.addClassName("dz-hl-popover");
        popover.setId("highlight-popover");
        popover.setVisible(false);
        orphans.addClassName("dz-orphans");
        orphans.setId("orphans");
        drafts.addClassName("dz-drafts");
        drafts.setId("drafts");
        add(drafts, orphans, popover);
        if (editable) {
            revisions.putAll(annotations.revisions(articleId));
            showDrafts();
        }
        showOrphans();
    }

    /** The editable layer of the reader. */
    public static AnnotationLayer editable(AnnotationService annotations, long articleId) {
        return new AnnotationLayer(annotations, articleId, true, annotations.highlights(articleId));
    }

    /** The read-only layer of a saved version: draws its highlights. */
    public static AnnotationLayer readOnly(AnnotationService annotations, long articleId, int versionNumber) {
        return new AnnotationLayer(annotations, articleId, false, annotations.annotated(articleId, versionNumber)
                .map(a -> a.highlights()).orElse(List.of()));
    }

    /** Runs after this layer saved a correction or note, or restored a draft (e.g. to refresh the row). */
    public void afterChange(Runnable afterChange) {
        this.afterChange = afterChange;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        getElement().executeJs(HighlightScript.INSTALL, !editable, AUTOSAVE_MILLIS);
        draw();
    }

    // ---------------------------------------------------------------- corrections and notes, with locking

    /** Saves the user's English of a block, checked against the revision the page was opened at. */
    public void correctEnglish(int position, String text) {
        save(position, DraftField.ENGLISH, text);
    }

    /** Saves the note of a block, checked against the revision the page was opened at. */
    public void setNote(int position, String text) {
        save(position, DraftField.NOTE, text);
    }

    /**
     * Adds a paragraph to the end of a block's note as it is stored now (an explanation saved as a note), and
     * returns the whole note. This page's next edit of that note opens at the new revision.
     */
    public String appendToNote(int position, String addition) {
        SavedNote saved = annotations.appendToNote(articleId, position, addition);
        revisions.put(position, saved.revision());
        return saved.text();
    }

    private void save(int position, DraftField field, String text) {
        long opened = revisions.getOrDefault(position, 0L);
        try {
            long now = field == DraftField.NOTE ? annotations.setNote(articleId, position, opened, text)
                    : annotations.correctEnglish(articleId, position, opened, text);
            revisions.put(position, now);
            if (field == DraftField.ENGLISH) {
                refresh();
            }
        } catch (EditConflictException conflict) {
            showConflict(conflict);
        }
    }

    private void showConflict(EditConflictException conflict) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Someone else changed this paragraph");
        dialog.addClassName("dz-conflict");
        dialog.setId("edit-conflict");
        String what = conflict.field() == DraftField.NOTE ? "note" : "English";
        Div body = new Div(new Span("Paragraph " + (conflict.blockPosition() + 1) + "'s " + what + " was saved "
                + "elsewhere after you opened it. Nothing was overwritten: both texts are kept."));
        TextArea theirs = new TextArea("Theirs (saved now)");
        theirs.setValue(conflict.theirs() == null ? "" : conflict.theirs());
        theirs.setReadOnly(true);
        theirs.setWidthFull();
        theirs.addClassName("dz-conflict-theirs");
        TextArea yours = new TextArea("Yours (kept as a draft)");
        yours.setValue(conflict.yours() == null ? "" : conflict.yours());
        yours.setWidthFull();
        yours.addClassName("dz-conflict-yours");
        body.add(theirs, yours);
        dialog.add(body);
        DraftField kept = conflict.field() == DraftField.NOTE ? DraftField.CONFLICT_NOTE : DraftField.CONFLICT_ENGLISH;
        Button keepTheirs = new Button("Keep theirs", e -> {
            annotations.discardDraft(articleId, conflict.blockPosition(), kept);
            revisions.put(conflict.blockPosition(), conflict.currentRevision());
            dialog.close();
            reload();
        });
        keepTheirs.setId("conflict-keep-theirs");
        Button useMine = new Button("Use mine", e -> {
            revisions.put(conflict.blockPosition(), conflict.currentRevision());
            save(conflict.blockPosition(), conflict.field(), yours.getValue());
            annotations.discardDraft(articleId, conflict.blockPosition(), kept);
            dialog.close();
            reload();
        });
        useMine.setId("conflict-use-mine");
        useMine.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button later = new Button("Decide later", e -> dialog.close());
        dialog.getFooter().add(later, keepTheirs, useMine);
        dialog.open();
    }

    private void reload() {
        afterChange.run();
        UI.getCurrent().getPage().reload();
    }

    // ---------------------------------------------------------------- drafts

    private void showDrafts() {
        drafts.removeAll();
        // A highlight's kept note is listed with its highlight and quote, below.
        List<DraftInfo> all = annotations.drafts(articleId).stream()
                .filter(d -> d.field() != DraftField.HIGHLIGHT_CONFLICT).toList();
        List<HighlightDraft> kept = annotations.highlightDrafts(articleId);
        drafts.setVisible(!all.isEmpty() || !kept.isEmpty());
        if (all.isEmpty() && kept.isEmpty()) {
            return;
        }
        drafts.add(new Div(new Span("Restored from autosave: text you had not saved yet. Save it or discard it.")));
        for (HighlightDraft draft : kept) {
            drafts.add(highlightDraft(draft));
        }
        for (DraftInfo draft : all) {
            boolean conflict = draft.field() == DraftField.CONFLICT_ENGLISH || draft.field() == DraftField.CONFLICT_NOTE;
            boolean note = draft.field() == DraftField.NOTE || draft.field() == DraftField.CONFLICT_NOTE;
            Div item = new Div();
            item.addClassName("dz-draft");
            Span label = new Span("Paragraph " + (draft.blockPosition() + 1) + ", " + (note ? "note" : "English")
                    + (conflict ? " (yours, from an edit conflict)" : "") + ": ");
            label.addClassName("dz-draft-label");
            Span text = new Span(draft.text());
            text.addClassName("dz-draft-text");
            Button apply = new Button(conflict ? "Use mine" : "Save it", e -> {
                if (note) {
                    annotations.setNote(articleId, draft.blockPosition(), draft.text());
                } else {
                    annotations.correctEnglish(articleId, draft.blockPosition(), draft.text());
                }
                annotations.discardDraft(articleId, draft.blockPosition(), draft.field());
                reload();
            });
            apply.addClassName("dz-draft-apply");
            Button discard = new Button("Discard", e -> {
                annotations.discardDraft(articleId, draft.blockPosition(), draft.field());
                showDrafts();
            });
            discard.addClassName("dz-draft-discard");
            for (Button button : new Button[]{apply, discard}) {
                button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            }
            item.add(label, text, apply, discard);
            drafts.add(item);
        }
    }

    /** A highlight's note kept from an edit conflict: use it (over what is stored now) or discard it. */
    private Div highlightDraft(HighlightDraft draft) {
        Div item = new Div();
        item.addClassNames("dz-draft", "dz-highlight-draft");
        HighlightInfo current = draft.current();
        Span label = new Span("Paragraph " + (draft.blockPosition() + 1) + ", note on the highlight “"
                + draft.exact() + "” (yours, " + draft.colour().code() + ", from an edit conflict"
                + (current == null ? "; the highlight was removed since" : "") + "): ");
        label.addClassName("dz-draft-label");
        Span text = new Span(draft.note() == null ? "(no note)" : draft.note());
        text.addClassName("dz-draft-text");
        item.add(label, text);
        if (current != null) {
            Span theirs = new Span(" — saved now: " + (current.note() == null ? "(no note)" : current.note()) + " ");
            theirs.addClassName("dz-draft-theirs");
            item.add(theirs);
            Button apply = new Button("Use mine", e -> {
                try {
                    annotations.updateHighlight(current.id(), draft.colour(), draft.note());
                } catch (NoSuchElementException gone) {
                    Notification.show("This highlight was removed elsewhere meanwhile; your note is still kept.")
                            .addThemeVariants(NotificationVariant.LUMO_ERROR);
                    showDrafts();
                    return;
                }
                annotations.discardHighlightDraft(articleId, draft.blockPosition(), draft.highlightId());
                showDrafts();
                refresh();
            });
            apply.addClassName("dz-draft-apply");
            item.add(apply);
        }
        Button discard = new Button("Discard", e -> {
            annotations.discardHighlightDraft(articleId, draft.blockPosition(), draft.highlightId());
            showDrafts();
        });
        discard.addClassName("dz-draft-discard");
        item.add(discard);
        item.getChildren().filter(Button.class::isInstance).map(Button.class::cast)
                .forEach(b -> b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY));
        return item;
    }

    @ClientCallable
    void autosave(int position, String field, String text) {
        if (!editable) {
            return;
        }
        DraftField draftField = "note".equals(field) ? DraftField.NOTE : DraftField.ENGLISH;
        try {
            annotations.saveDraft(articleId, position, draftField, text);
        } catch (RuntimeException e) {
            // The article may have been deleted meanwhile; autosave must never disturb the page.
        }
    }

    // ---------------------------------------------------------------- highlights

    @ClientCallable
    void selected(int position, String side, int start, int end, double x, double y) {
        if (!editable) {
            return;
        }
        openPopover(x, y, null, position, Side.of(side), start, end);
    }

    @ClientCallable
    void markClicked(long highlightId, double x, double y) {
        highlights.stream().filter(h -> h.id() != null && h.id() == highlightId).findFirst()
                .ifPresent(h -> openPopover(x, y, h, h.blockPosition(), h.side(), h.start(), h.end()));
    }

    /** Highlights a span (the popover's colour buttons, and tests). */
    public HighlightInfo highlight(int position, Side side, int start, int end, HighlightColour colour, String note) {
        HighlightInfo added = annotations.addHighlight(articleId, position, side, start, end, colour, note);
        refresh();
        return added;
    }

    private void openPopover(double x, double y, HighlightInfo existing, int position, Side side, int start,
                             int end) {
        popover.removeAll();
        popover.getStyle().set("left", Math.max(0, x) + "px").set("top", (y + 6) + "px");
        TextArea note = new TextArea();
        note.setPlaceholder("Note (Markdown, optional)");
        note.addClassName("dz-hl-note");
        note.setWidthFull();
        if (existing != null && existing.note() != null) {
            note.setValue(existing.note());
        }
        Div colours = new Div();
        colours.addClassName("dz-hl-colours");
        for (HighlightColour colour : HighlightColour.values()) {
            Button swatch = new Button("", e -> {
                try {
                    if (existing == null) {
                        highlight(position, side, start, end, colour, note.getValue());
                        popover.setVisible(false);
                    } else {
                        updateHighlight(existing, colour, note.getValue());
                    }
                } catch (IllegalArgumentException | NoSuchElementException ex) {
                    Notification.show(ex.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
                }
            });
            swatch.addClassNames("dz-hl-swatch", "dz-hl-" + colour.code());
            swatch.getElement().setAttribute("aria-label", "Highlight " + colour.code());
            swatch.getElement().setAttribute("title", colour.code());
            swatch.setId("hl-colour-" + colour.code());
            colours.add(swatch);
        }
        popover.add(colours, note);
        Div actions = new Div();
        actions.addClassName("dz-hl-actions");
        if (existing != null) {
            Button saveNote = new Button("Save note", e -> updateHighlight(existing, null, note.getValue()));
            saveNote.setId("hl-save-note");
            Button delete = new Button("Remove highlight", e -> {
                annotations.deleteHighlight(existing.id());
                popover.setVisible(false);
                refresh();
            });
            delete.setId("hl-delete");
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
            actions.add(saveNote, delete);
        }
        Button close = new Button("Close", e -> popover.setVisible(false));
        close.setId("hl-close");
        actions.add(close);
        for (var button : actions.getChildren().toList()) {
            ((Button) button).addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        popover.add(actions);
        popover.setVisible(true);
    }

    /**
     * Saves a highlight's colour (null: unchanged) and note as edited from {@code opened}, the highlight the popover
     * was opened on; a change made meanwhile elsewhere to the same thing shows both instead of being overwritten
     * (and the user's note is kept as a draft until decided). Returns whether it was saved.
     */
    public boolean updateHighlight(HighlightInfo opened, HighlightColour colour, String note) {
        boolean saved = false;
        try {
            annotations.updateHighlight(opened, colour, note);
            popover.setVisible(false);
            saved = true;
        } catch (HighlightConflictException conflict) {
            popover.setVisible(false);
            // The service kept the user's note as a draft: the list of drafts shows it until it is decided.
            showDrafts();
            showHighlightConflict(conflict);
        } catch (NoSuchElementException gone) {
            popover.setVisible(false);
            Notification.show("This highlight was removed elsewhere meanwhile; nothing was saved.")
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
        return saved;
    }

    private void showHighlightConflict(HighlightConflictException conflict) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Someone else changed this highlight");
        dialog.addClassName("dz-conflict");
        dialog.setId("highlight-conflict");
        HighlightInfo current = conflict.current();
        Div body = new Div(new Span("The highlight “" + current.exact() + "” in paragraph "
                + (current.blockPosition() + 1) + " was changed elsewhere after you opened it. Nothing was "
                + "overwritten: both are here."));
        TextArea theirs = new TextArea("Theirs (saved now, " + current.colour().code() + ")");
        theirs.setValue(current.note() == null ? "" : current.note());
        theirs.setReadOnly(true);
        theirs.setWidthFull();
        theirs.addClassName("dz-conflict-theirs");
        TextArea yours = new TextArea("Yours (" + conflict.yourColour().code() + ", kept as a draft)");
        yours.setValue(conflict.yours() == null ? "" : conflict.yours());
        yours.setWidthFull();
        yours.addClassName("dz-conflict-yours");
        body.add(theirs, yours);
        dialog.add(body);
        // The kept draft goes once the user decided and the decision was saved (a new conflict keeps a new one).
        Runnable decided = () -> {
            annotations.discardHighlightDraft(articleId, current.blockPosition(), current.id());
            showDrafts();
        };
        Button keepTheirs = new Button("Keep theirs", e -> {
            dialog.close();
            decided.run();
            refresh();
        });
        keepTheirs.setId("highlight-conflict-keep-theirs");
        Button keepBoth = new Button("Keep both notes", e -> {
            dialog.close();
            String both = (theirs.getValue().strip() + "\n\n" + yours.getValue().strip()).strip();
            if (updateHighlight(current, conflict.yourColour(), both)) {
                decided.run();
            }
        });
        keepBoth.setId("highlight-conflict-keep-both");
        Button useMine = new Button("Use mine", e -> {
            dialog.close();
            if (updateHighlight(current, conflict.yourColour(), yours.getValue())) {
                decided.run();
            }
        });
        useMine.setId("highlight-conflict-use-mine");
        useMine.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button later = new Button("Decide later", e -> dialog.close());
        later.setId("highlight-conflict-later");
        dialog.getFooter().add(later, keepTheirs, keepBoth, useMine);
        dialog.open();
    }

    /** Reloads the highlights and redraws them (after a change here or to the English). */
    public void refresh() {
        highlights = annotations.highlights(articleId);
        showOrphans();
        draw();
    }

    private void draw() {
        ArrayNode list = JSON.createArrayNode();
        for (HighlightInfo h : highlights) {
            if (h.orphaned()) {
                continue;
            }
            ObjectNode node = list.addObject();
            node.put("id", h.id() == null ? -1 : h.id());
            node.put("index", h.blockPosition());
            node.put("side", h.side().code());
            node.put("start", h.start());
            node.put("end", h.end());
            node.put("exact", h.exact());
            node.put("colour", h.colour().code());
            node.put("note", h.note());
        }
        getElement().executeJs("if (this.dzRender) this.dzRender(JSON.parse($0));", JSON.writeValueAsString(list));
    }

    private void showOrphans() {
        List<HighlightInfo> orphaned = highlights.stream().filter(HighlightInfo::orphaned).toList();
        orphans.setVisible(!orphaned.isEmpty());
        orphans.setSummaryText("Orphaned annotations (" + orphaned.size() + ")");
        orphans.removeAll();
        orphans.add(new Span("These highlights no longer match their paragraph's text (it was re-translated or "
                + "corrected). They are kept here with their notes."));
        for (HighlightInfo h : orphaned) {
            Div item = new Div();
            item.addClassName("dz-orphan");
            Span quote = new Span("Paragraph " + (h.blockPosition() + 1) + " (" + (h.side() == Side.ZH ? "Chinese"
                    : "English") + "): “" + h.exact() + "”" + (h.note() == null ? "" : " — " + h.note()));
            item.add(quote);
            if (editable && h.id() != null) {
                Button remove = new Button("Remove", e -> {
                    annotations.deleteHighlight(h.id());
                    refresh();
                });
                remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                item.add(remove);
            }
            orphans.add(item);
        }
    }

    /** The highlights shown (for tests). */
    public List<HighlightInfo> highlights() {
        return highlights;
    }
}
