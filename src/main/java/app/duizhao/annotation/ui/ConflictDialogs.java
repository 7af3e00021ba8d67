package app.duizhao.annotation.ui;

import app.duizhao.annotation.AnnotationService;
import app.duizhao.annotation.DraftField;
import app.duizhao.annotation.EditConflictException;
import app.duizhao.annotation.HighlightColour;
import app.duizhao.annotation.HighlightConflictException;
import app.duizhao.annotation.HighlightInfo;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;

/**
 * The dialogs of an edit conflict (a paragraph's English or note, or a highlight, changed elsewhere after this page
 * opened it): both texts side by side, nothing overwritten, the user decides.
 */
final class ConflictDialogs {

    /** What deciding a conflict does in the annotation layer. */
    interface Host {
        void decidedEdit(int position, long revision);

        void save(int position, DraftField field, String text);

        void reload();

        void showDrafts();

        boolean updateHighlight(HighlightInfo opened, HighlightColour colour, String note);

        void refresh();
    }

    private final AnnotationService annotations;
    private final long articleId;
    private final Host host;

    ConflictDialogs(AnnotationService annotations, long articleId, Host host) {
        this.annotations = annotations;
        this.articleId = articleId;
        this.host = host;
    }

    void showEdit(EditConflictException conflict) {
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
            host.decidedEdit(conflict.blockPosition(), conflict.currentRevision());
            dialog.close();
            host.reload();
        });
        keepTheirs.setId("conflict-keep-theirs");
        Button useMine = new Button("Use mine", e -> {
            host.decidedEdit(conflict.blockPosition(), conflict.currentRevision());
            host.save(conflict.blockPosition(), conflict.field(), yours.getValue());
            annotations.discardDraft(articleId, conflict.blockPosition(), kept);
            dialog.close();
            host.reload();
        });
        useMine.setId("conflict-use-mine");
        useMine.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button later = new Button("Decide later", e -> dialog.close());
        dialog.getFooter().add(later, keepTheirs, useMine);
        dialog.open();
    }

    void showHighlight(HighlightConflictException conflict) {
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
            host.showDrafts();
        };
        Button keepTheirs = new Button("Keep theirs", e -> {
            dialog.close();
            decided.run();
            host.refresh();
        });
        keepTheirs.setId("highlight-conflict-keep-theirs");
        Button keepBoth = new Button("Keep both notes", e -> {
            dialog.close();
            String both = (theirs.getValue().strip() + "\n\n" + yours.getValue().strip()).strip();
            if (host.updateHighlight(current, conflict.yourColour(), both)) {
                decided.run();
            }
        });
        keepBoth.setId("highlight-conflict-keep-both");
        Button useMine = new Button("Use mine", e -> {
            dialog.close();
            if (host.updateHighlight(current, conflict.yourColour(), yours.getValue())) {
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

}
