package app.duizhao.translation.ui;

import jakarta.annotation.security.PermitAll;
import app.duizhao.translation.GlossaryService;
import app.duizhao.translation.GlossaryTerm;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadHandler;

import java.io.ByteArrayInputStream;

/** The glossary: terms (global or per source), the LLM's proposals to accept, CSV import and export. */
// Any signed-in user (accounts on); what they see is scoped to their own data by the services.
@PermitAll
@Route("glossary")
@PageTitle("Glossary · Duizhao")
public class GlossaryView extends VerticalLayout {

    private final GlossaryService glossary;
    final TextField chinese = new TextField("Chinese");
    final TextField english = new TextField("English");
    final TextField note = new TextField("Note");
    final TextField source = new TextField("Source (blank: all)");
    final Span message = new Span();
    final Div terms = new Div();
    final Div proposals = new Div();

    public GlossaryView(GlossaryService glossary) {
        this.glossary = glossary;
        addClassName("dz-glossary");
        chinese.setId("term-chinese");
        english.setId("term-english");
        note.setId("term-note");
        source.setId("term-source");
        Button add = new Button("Add", e -> add());
        add.setId("add-term");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        message.setId("glossary-message");
        Anchor export = new Anchor(DownloadHandler.fromInputStream(request -> {
            byte[] csv = glossary.exportCsv();
            return new DownloadResponse(new ByteArrayInputStream(csv), "glossary.csv", "text/csv", csv.length);
        }), "Export CSV");
        export.setId("export-glossary");
        Upload upload = new Upload(UploadHandler.inMemory((metadata, data) -> getUI().ifPresent(ui -> ui.access(() -> importCsv(data)))));
        upload.setId("import-glossary");
        upload.setAcceptedFileTypes(".csv", "text/csv");
        add(new H2("Glossary"), new Span("Terms found in an article go into the translation prompt; traditional and "
                        + "simplified characters match each other. CSV columns: " + GlossaryService.CSV_HEADER + "."),
                new Div(chinese, english, note, source, add), message, new Div(export), upload,
                new H3("Terms"), terms, new H3("Proposed by the LLM"), proposals);
        refresh();
    }

    void add() {
        try {
            glossary.save(chinese.getValue(), english.getValue(), note.getValue(), source.getValue());
            chinese.clear();
            english.clear();
            note.clear();
            message.setText("Saved.");
            refresh();
        } catch (IllegalArgumentException e) {
            message.setText(e.getMessage());
        }
    }

    void importCsv(byte[] data) {
        try {
            message.setText("Imported " + glossary.importCsv(data) + " terms.");
            refresh();
        } catch (IllegalArgumentException e) {
            message.setText("Nothing imported: " + e.getMessage());
        }
    }

    private void refresh() {
        terms.removeAll();
        for (GlossaryTerm t : glossary.terms()) {
            Button delete = new Button("Delete", e -> {
                glossary.delete(t.id());
                refresh();
            });
            delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            terms.add(row(t, delete));
        }
        proposals.removeAll();
        for (GlossaryTerm t : glossary.proposals()) {
            Button accept = new Button("Accept", e -> {
                glossary.accept(t.id());
                refresh();
            });
            Button drop = new Button("Drop", e -> {
                glossary.delete(t.id());
                refresh();
            });
            accept.addThemeVariants(ButtonVariant.LUMO_SMALL);
            drop.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            proposals.add(row(t, accept, drop));
        }
        if (glossary.proposals().isEmpty()) {
            proposals.add(new Span("None. The reader's \"Propose terms\" asks the LLM for names in an article."));
        }
    }

    private static Div row(GlossaryTerm t, Button... actions) {
        Div row = new Div(new Span(t.chinese() + " → " + t.english()
                + (t.note() == null ? "" : " (" + t.note() + ")") + (t.source() == null ? "" : " · " + t.source())));
        row.addClassName("dz-term");
        row.add(actions);
        return row;
    }
}
