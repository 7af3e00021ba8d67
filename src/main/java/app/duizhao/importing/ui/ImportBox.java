package app.duizhao.importing.ui;

import app.duizhao.importing.ImportException;
import app.duizhao.importing.ImportResult;
import app.duizhao.importing.ImportService;
import app.duizhao.library.ui.ArticleLinks;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * The library page's "Add an article": upload a post or paste Chinese text; the new (or already stored) article
 * opens in the reader, and a refusal is shown under the controls.
 */
public class ImportBox extends Div {

    private static final Logger log = LoggerFactory.getLogger(ImportBox.class);

    private final ImportService importer;
    private final Div importMessage = new Div();
    private final TextArea paste = new TextArea("Or paste Chinese text");

    public ImportBox(ImportService importer) {
        this.importer = importer;
        addClassName("dz-import");
        H2 heading = new H2("Add an article");

        Upload upload = new Upload(UploadHandler.inMemory((metadata, bytes) -> {
            // Runs on the request thread: import first, then update the UI under its lock.
            UI ui = UI.getCurrent();
            Runnable outcome = importOutcome(() -> importer.importFile(metadata.fileName(), bytes));
            if (ui != null) {
                ui.access(outcome::run);
            } else {
                outcome.run();
            }
        }));
        upload.setId("upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, importer.maxBytes()));
        upload.setAcceptedFileTypes(".md", ".markdown", ".html", ".htm", ".txt");
        upload.addFileRejectedListener(event -> showError("\"" + event.getFileName() + "\" was refused: "
                + event.getErrorMessage() + " (posts up to " + importer.maxBytes() / 1_000_000 + " MB in .md, .html "
                + "or .txt)."));
        upload.addFailedListener(event -> showError("The upload of \"" + event.getFileName()
                + "\" failed. Try again."));

        Paragraph hint = new Paragraph("Upload a Jekyll or Hugo post (Markdown with front matter), an HTML page or "
                + "a text file, in UTF-8.");
        hint.addClassName("dz-hint");

        paste.setId("paste");
        paste.setWidthFull();
        paste.setMinRows(3);
        paste.setMaxRows(10);
        paste.setPlaceholder("粘贴中文文章…");
        Button importText = new Button("Import text", event -> importOutcome(() -> importer.importText(paste.getValue())).run());
        importText.setId("import-text");
        importText.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        importMessage.setId("import-message");
        importMessage.addClassName("dz-message");
        importMessage.setVisible(false);
        add(heading, hint, upload, paste, importText, importMessage);
    }

    /** Runs an import and returns what the UI must do next: open the article, or show why it failed. */
    private Runnable importOutcome(Supplier<ImportResult> importing) {
        try {
            ImportResult result = importing.get();
            return () -> {
                paste.clear();
                if (result.duplicate()) {
                    Notification.show("\"" + result.title() + "\" is already in the library: opening it.");
                }
                ArticleLinks.open(result.articleId());
            };
        } catch (ImportException e) {
            return () -> showError(e.getMessage());
        } catch (RuntimeException e) {
            log.error("Import failed", e);
            return () -> showError("The import failed on an unexpected error (" + e.getClass().getSimpleName()
                    + "). Nothing was stored.");
        }
    }

    private void showError(String message) {
        importMessage.setText(message);
        importMessage.addClassName("dz-error");
        importMessage.setVisible(true);
        Notification notification = Notification.show(message, 6000, Notification.Position.MIDDLE);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    /** The message shown under the import controls, or "" when there is none. */
    public String importMessage() {
        return importMessage.isVisible() ? importMessage.getText() : "";
    }
}
