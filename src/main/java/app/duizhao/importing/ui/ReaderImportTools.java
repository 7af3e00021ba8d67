package app.duizhao.importing.ui;

import app.duizhao.importing.CleaningAuditService;
import app.duizhao.importing.CleaningAuditService.RemovedItem;
import app.duizhao.importing.ImportException;
import app.duizhao.importing.ScriptConverter;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.di.Instantiator;

import java.util.List;

/**
 * The import-side tools of the reader, added to {@code ReaderView} with one line: the script toggle ("Show in
 * simplified / traditional", a converted reading copy; the stored text stays as written) and the cleaning audit
 * ("Removed by the cleaner (n)", each fragment with its reason and a Restore button that puts it back in place as a
 * paragraph, to be translated with the next Translate run).
 *
 * <p>Services are looked up through Vaadin's (Spring) instantiator so the reader's constructor, shared by several
 * features, does not change.
 */
public class ReaderImportTools extends Div {

    private final long articleId;
    private final CleaningAuditService audit;

    public ReaderImportTools(ArticleSnapshot article) {
        this(article, Instantiator.get(UI.getCurrent()).getOrCreate(CleaningAuditService.class),
                Instantiator.get(UI.getCurrent()).getOrCreate(ScriptConverter.class));
    }

    ReaderImportTools(ArticleSnapshot article, CleaningAuditService audit, ScriptConverter converter) {
        this.articleId = article.articleId();
        this.audit = audit;
        addClassName("dz-import-tools");
        if (!article.isSavedVersion()) {
            String other = converter.otherScript(article.language());
            if (other != null) {
                add(scriptToggle(article, converter, other));
            }
            add(removedPanel());
        }
    }

    private Div scriptToggle(ArticleSnapshot article, ScriptConverter converter, String target) {
        Div wrapper = new Div();
        wrapper.addClassName("dz-script-toggle");
        String label = ScriptConverter.SIMPLIFIED.equals(target) ? "Show in simplified" : "Show in traditional";
        Button toggle = new Button(label);
        toggle.setId("script-toggle");
        toggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Div copy = new Div();
        copy.setId("script-copy");
        copy.addClassName("dz-script-copy");
        copy.getElement().setAttribute("lang", target);
        copy.setVisible(false);
        toggle.addClickListener(event -> {
            if (copy.getChildren().findAny().isEmpty()) {
                for (SnapshotBlock block : article.blocks()) {
                    if (!block.isImage() && block.text() != null && !block.text().isBlank()) {
                        copy.add(new Paragraph(converter.convert(block.text(), target)));
                    }
                }
            }
            copy.setVisible(!copy.isVisible());
            toggle.setText(copy.isVisible() ? "Hide the " + (ScriptConverter.SIMPLIFIED.equals(target)
                    ? "simplified" : "traditional") + " copy" : label);
        });
        wrapper.add(toggle, copy);
        return wrapper;
    }

    private Details removedPanel() {
        List<RemovedItem> removed = audit.removed(articleId);
        Details details = new Details("Removed by the cleaner (" + removed.size() + ")");
        details.setId("removed-panel");
        details.addClassName("dz-removed-panel");
        if (removed.isEmpty()) {
            details.add(new Span("The cleaner removed nothing from this article."));
        }
        for (RemovedItem item : removed) {
            Div row = new Div();
            row.addClassName("dz-removed-item");
            Span reason = new Span(item.reason());
            reason.addClassName("dz-removed-reason");
            Span text = new Span(item.text());
            text.addClassName("dz-removed-text");
            row.add(reason, text);
            if (item.restorable()) {
                Button restore = new Button("Restore");
                restore.setId("restore-" + item.id());
                restore.addThemeVariants(ButtonVariant.LUMO_SMALL);
                restore.addClickListener(event -> restore(item));
                row.add(restore);
            }
            details.add(row);
        }
        return details;
    }

    private void restore(RemovedItem item) {
        try {
            audit.restore(articleId, item.id());
            Notification.show("Restored as a paragraph; Translate will translate it.");
            UI.getCurrent().refreshCurrentRoute(false);
        } catch (ImportException e) {
            Notification.show(e.getMessage());
        }
    }
}
