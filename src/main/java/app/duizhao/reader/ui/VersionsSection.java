package app.duizhao.reader.ui;

import app.duizhao.annotation.AnnotationService;
import app.duizhao.annotation.VersionInfo;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.RouterLink;

import java.util.List;

/** The side panel's versions section: save a version (with an optional message), the saved ones, and History. */
class VersionsSection extends Div {

    private final AnnotationService annotations;
    private final long articleId;
    private final TextField message = new TextField();
    private final Div list = new Div();

    VersionsSection(AnnotationService annotations, long articleId) {
        this.annotations = annotations;
        this.articleId = articleId;
        addClassName("dz-versions");
        message.setPlaceholder("What changed (optional)");
        message.setAriaLabel("Version message");
        message.setId("version-message");
        message.addThemeVariants(com.vaadin.flow.component.textfield.TextFieldVariant.LUMO_SMALL);
        Button save = new Button("Save version", event -> save());
        save.setId("save-version");
        save.addThemeVariants(ButtonVariant.LUMO_SMALL);
        RouterLink history = new RouterLink("Compare and restore versions", HistoryView.class,
                HistoryView.parameters(articleId));
        history.setId("history");
        list.setId("versions");
        Div saveRow = new Div(message, save);
        saveRow.addClassName("dz-side-row");
        add(saveRow, list, history);
        refresh();
    }

    private void save() {
        VersionInfo version = annotations.saveVersion(articleId, message.getValue());
        message.clear();
        refresh();
        Notification.show("Saved version " + version.number() + ".");
    }

    private void refresh() {
        List<VersionInfo> saved = annotations.versions(articleId);
        list.removeAll();
        for (VersionInfo version : saved) {
            RouterLink link = new RouterLink("Version " + version.number() + " · "
                    + ReaderView.SAVED.format(version.savedAt())
                    + (version.message() == null ? "" : " · " + version.message()), VersionView.class,
                    VersionView.parameters(version.articleId(), version.number()));
            link.addClassName("dz-version-link");
            list.add(new Div(link));
        }
        list.setVisible(!saved.isEmpty());
    }
}
