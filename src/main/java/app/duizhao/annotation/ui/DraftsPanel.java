package app.duizhao.annotation.ui;

import app.duizhao.annotation.AnnotationService;
import app.duizhao.annotation.DraftField;
import app.duizhao.annotation.DraftInfo;
import app.duizhao.annotation.HighlightDraft;
import app.duizhao.annotation.HighlightInfo;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * The notice of drafts restored from autosave (and notes kept from edit conflicts): each with Save it / Use mine
 * and Discard. Shown only when there is one.
 */
final class DraftsPanel extends Div {

    private final AnnotationService annotations;
    private final long articleId;
    private final Runnable reload;
    private final Runnable refresh;

    DraftsPanel(AnnotationService annotations, long articleId, Runnable reload, Runnable refresh) {
        this.annotations = annotations;
        this.articleId = articleId;
        this.reload = reload;
        this.refresh = refresh;
        addClassName("dz-drafts");
        setId("drafts");
        setVisible(false);
    }

    void show() {
        removeAll();
        // A highlight's kept note is listed with its highlight and quote, below.
        List<DraftInfo> all = annotations.drafts(articleId).stream()
                .filter(d -> d.field() != DraftField.HIGHLIGHT_CONFLICT).toList();
        List<HighlightDraft> kept = annotations.highlightDrafts(articleId);
        setVisible(!all.isEmpty() || !kept.isEmpty());
        if (all.isEmpty() && kept.isEmpty()) {
            return;
        }
        add(new Div(new Span("Restored from autosave: text you had not saved yet. Save it or discard it.")));
        for (HighlightDraft draft : kept) {
            add(highlightDraft(draft));
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
                reload.run();
            });
            apply.addClassName("dz-draft-apply");
            Button discard = new Button("Discard", e -> {
                annotations.discardDraft(articleId, draft.blockPosition(), draft.field());
                show();
            });
            discard.addClassName("dz-draft-discard");
            for (Button button : new Button[]{apply, discard}) {
                button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            }
            item.add(label, text, apply, discard);
            add(item);
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
                    show();
                    return;
                }
                annotations.discardHighlightDraft(articleId, draft.blockPosition(), draft.highlightId());
                show();
                refresh.run();
            });
            apply.addClassName("dz-draft-apply");
            item.add(apply);
        }
        Button discard = new Button("Discard", e -> {
            annotations.discardHighlightDraft(articleId, draft.blockPosition(), draft.highlightId());
            show();
        });
        discard.addClassName("dz-draft-discard");
        item.add(discard);
        item.getChildren().filter(Button.class::isInstance).map(Button.class::cast)
                .forEach(b -> b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY));
        return item;
    }

}
