package app.duizhao.importing.ui;

import jakarta.annotation.security.PermitAll;
import app.duizhao.importing.BulkImportJob;
import app.duizhao.importing.BulkImportService;
import app.duizhao.importing.ImportException;
import app.duizhao.importing.ImportService;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * Bulk import: upload a {@code .zip} of posts or several post files, or pick a server-side folder; the import runs in
 * the background with a progress bar and a Cancel button, and ends with a table of every file — imported, already in
 * the library, or skipped and why.
 */
// Any signed-in user (accounts on); what they see is scoped to their own data by the services.
@PermitAll
@Route("import")
@PageTitle("Import · Duizhao")
@Menu(title = "Import", order = 2)
public class BulkImportView extends VerticalLayout {

    static final int MAX_UPLOAD_FILES = 500;

    private final BulkImportService bulk;
    private final List<BulkImportService.UploadedFile> pending = new ArrayList<>();
    private final ProgressBar progress = new ProgressBar();
    private final Span status = new Span();
    private final Button cancel = new Button("Cancel");
    private final Grid<BulkImportJob.EntryResult> report = new Grid<>();
    private final ComboBox<String> folder = new ComboBox<>("Folder on the server");
    private final Button importFolder = new Button("Import folder");
    private final Div interruptedImports = new Div();
    private BulkImportJob job;
    private Runnable unsubscribe;

    public BulkImportView(BulkImportService bulk, ImportService importer) {
        this.bulk = bulk;
        addClassName("dz-bulk-import");
        add(new H2("Import many posts"));

        Upload upload = new Upload(UploadHandler.toTempFile((metadata, file) -> {
            // Moved into a file of our own: the job deletes it when done, whatever the upload handler does.
            java.nio.file.Path own = bulk.newUploadFile();
            java.nio.file.Files.move(file.toPath(), own, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            synchronized (pending) {
                pending.add(new BulkImportService.UploadedFile(metadata.fileName(), own));
            }
        }));
        upload.setId("bulk-upload");
        upload.setMaxFiles(MAX_UPLOAD_FILES);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, Math.max(importer.maxBytes(), 200_000_000L)));
        upload.setAcceptedFileTypes(".zip", ".md", ".markdown", ".html", ".htm", ".txt");
        upload.addAllFinishedListener(event -> startUploads());
        upload.addFileRejectedListener(event -> status.setText("\"" + event.getFileName() + "\" was refused: "
                + event.getErrorMessage()));
        add(new H3("Upload"), new Paragraph("A .zip of Markdown, HTML or text posts, or several post files at once. "
                + "Files that cannot be read are skipped and listed with the reason; posts already in the library "
                + "are not stored again."), upload);

        folder.setId("bulk-folder");
        folder.setWidthFull();
        folder.setItems(bulk.folderChoices());
        folder.setPlaceholder("Choose a folder");
        importFolder.setId("bulk-import-folder");
        importFolder.addClickListener(event -> startFolder());
        add(new H3("Folder"));
        if (!bulk.folderImportAllowed()) {
            Paragraph adminOnly = new Paragraph("Importing folders from the server is for admins: upload the files "
                    + "or a .zip of them above.");
            adminOnly.setId("bulk-folder-off");
            add(adminOnly);
        } else if (bulk.folderRoots().isEmpty()) {
            Paragraph none = new Paragraph("Folder import is off: set duizhao.import.folder-roots to the folders "
                    + "Duizhao may read.");
            none.setId("bulk-folder-off");
            add(none);
        } else {
            HorizontalLayout row = new HorizontalLayout(folder, importFolder);
            row.setAlignItems(Alignment.END);
            row.setWidthFull();
            add(new Paragraph("Posts in the folder and its subfolders, from below: "
                    + String.join(", ", bulk.folderRoots())), row);
        }

        progress.setId("bulk-progress");
        progress.setVisible(false);
        status.setId("bulk-status");
        cancel.setId("bulk-cancel");
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
        cancel.setVisible(false);
        cancel.addClickListener(event -> {
            if (job != null) {
                job.cancel();
                cancel.setEnabled(false);
                status.setText("Cancelling after the current file…");
            }
        });
        report.setId("bulk-report");
        report.addColumn(BulkImportJob.EntryResult::file).setHeader("File").setFlexGrow(3).setResizable(true);
        report.addColumn(r -> switch (r.outcome()) {
            case IMPORTED -> "Imported";
            case DUPLICATE -> "Already in the library";
            case SKIPPED -> "Skipped";
        }).setHeader("Outcome").setFlexGrow(1);
        report.addColumn(r -> r.reason() == null ? "" : r.reason()).setHeader("Reason").setFlexGrow(4);
        report.setAllRowsVisible(false);
        report.setHeight("24rem");
        interruptedImports.setId("bulk-interrupted");
        add(interruptedImports, new HorizontalLayout(status, cancel), progress, report);
        showInterrupted();
    }

    /** The user's imports a stopped server left unfinished, each with Resume and Dismiss. */
    private void showInterrupted() {
        interruptedImports.removeAll();
        for (BulkImportService.InterruptedImport stopped : bulk.interrupted()) {
            Span what = new Span("The import of " + stopped.source() + " stopped when the server stopped, after "
                    + stopped.done() + (stopped.total() >= 0 ? " of " + stopped.total() : "") + " files: "
                    + stopped.imported() + " imported, " + stopped.duplicates() + " already in the library, "
                    + stopped.skipped() + " skipped. Resuming skips what is already in the library.");
            Button resume = new Button("Resume", event -> {
                try {
                    follow(bulk.resume(stopped.id()));
                } catch (ImportException e) {
                    status.setText(e.getMessage());
                }
                showInterrupted();
            });
            resume.setId("bulk-resume-" + stopped.id());
            resume.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            Button dismiss = new Button("Dismiss", event -> {
                bulk.dismiss(stopped.id());
                showInterrupted();
            });
            dismiss.setId("bulk-dismiss-" + stopped.id());
            HorizontalLayout row = new HorizontalLayout(what, resume, dismiss);
            row.setAlignItems(Alignment.CENTER);
            row.addClassName("dz-bulk-interrupted");
            interruptedImports.add(row);
        }
        interruptedImports.setVisible(interruptedImports.getComponentCount() > 0);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        bulk.latest().ifPresent(this::follow);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        stopFollowing();
    }

    private void startUploads() {
        List<BulkImportService.UploadedFile> files;
        synchronized (pending) {
            files = List.copyOf(pending);
            pending.clear();
        }
        if (!files.isEmpty()) {
            follow(bulk.importUploads(files));
        }
    }

    private void startFolder() {
        try {
            follow(bulk.importFolder(folder.getValue()));
        } catch (ImportException e) {
            status.setText(e.getMessage());
        }
    }

    /** Shows {@code job}'s progress and report, live. */
    void follow(BulkImportJob job) {
        stopFollowing();
        this.job = job;
        UI ui = UI.getCurrent();
        show(job);
        unsubscribe = job.addListener(j -> ui.access(() -> show(j)));
        if (job.isFinished()) {
            show(job);
        }
    }

    private void show(BulkImportJob j) {
        if (j != job) {
            return;
        }
        boolean running = !j.isFinished();
        progress.setVisible(true);
        double p = j.progress();
        progress.setIndeterminate(p < 0);
        if (p >= 0) {
            progress.setValue(p);
        }
        cancel.setVisible(running);
        cancel.setEnabled(running && !j.isCancelRequested());
        importFolder.setEnabled(!running);
        String counts = j.imported() + " imported, " + j.duplicates() + " already in the library, " + j.skipped()
                + " skipped";
        String text = switch (j.status()) {
            case RUNNING -> "Importing " + j.source() + ": " + j.done() + (j.total() >= 0 ? " of " + j.total() : "")
                    + " files — " + counts + ".";
            case DONE -> "Finished " + j.source() + ": " + counts + "." + (j.message() == null ? "" : " " + j.message());
            case CANCELLED -> "Cancelled: " + counts + " before stopping. What was imported stays.";
            case FAILED -> (j.message() == null ? "The import failed." : j.message()) + " " + counts + ".";
        };
        status.setText(text);
        report.setItems(j.results());
        if (!running) {
            stopFollowing();
        }
    }

    private void stopFollowing() {
        if (unsubscribe != null) {
            unsubscribe.run();
            unsubscribe = null;
        }
    }
}
