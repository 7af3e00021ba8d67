package app.duizhao.study.ui;

import jakarta.annotation.security.PermitAll;
import app.duizhao.study.VocabularyEntry;
import app.duizhao.study.VocabularyService;
import app.duizhao.study.WordStatus;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import java.util.List;

/** The user's vocabulary: list, filter, edit, mark known or learning, delete. */
// Any signed-in user (accounts on); the services scope what they see.
@PermitAll
@Route("vocabulary")
@PageTitle("Vocabulary · Duizhao")
@Menu(title = "Vocabulary", order = 3)
public class VocabularyView extends VerticalLayout {

    /** The status filter's "both" choice. */
    static final String ALL = "All";

    private final VocabularyService vocabulary;
    private final TextField filter = new TextField();
    private final Select<String> status = new Select<>();
    private final Grid<VocabularyEntry> grid = new Grid<>();
    private final Span count = new Span();
    private final Div editor = new Div();
    private final TextField pinyin = new TextField("Pinyin");
    private final TextField definition = new TextField("Definition");
    private final TextArea sentence = new TextArea("Sentence");
    private final TextArea sentenceEnglish = new TextArea("Its English");
    private final Select<WordStatus> entryStatus = new Select<>();
    private final Span editing = new Span();
    private VocabularyEntry selected;

    public VocabularyView(VocabularyService vocabulary, app.duizhao.study.VocabularyDecks decks) {
        this.vocabulary = vocabulary;
        addClassName("dz-vocabulary");
        setPadding(false);

        filter.setId("vocab-filter");
        filter.setPlaceholder("Filter: characters, pinyin, definition");
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(e -> refresh());
        status.setId("vocab-status");
        status.setItems(ALL, "Learning", "Known");
        status.setValue(ALL);
        status.setAriaLabel("Status");
        status.addValueChangeListener(e -> refresh());
        count.setId("vocab-count");
        count.addClassName("dz-hint");
        Div filters = new Div(filter, status, count);
        filters.addClassName("dz-toolbar-group");

        grid.setId("vocab-grid");
        grid.addColumn(VocabularyEntry::headword).setHeader("Word").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(VocabularyEntry::pinyin).setHeader("Pinyin").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(VocabularyEntry::definition).setHeader("Definition").setFlexGrow(2);
        grid.addColumn(e -> e.status() == WordStatus.KNOWN ? "Known" : "Learning").setHeader("Status")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(VocabularyEntry::sentence).setHeader("Sentence").setFlexGrow(2);
        grid.setAllRowsVisible(false);
        grid.setHeight("24rem");
        grid.asSingleSelect().addValueChangeListener(e -> edit(e.getValue()));

        editor.setId("vocab-editor");
        editor.addClassName("dz-vocab-editor");
        pinyin.setId("vocab-pinyin");
        definition.setId("vocab-definition");
        sentence.setId("vocab-sentence");
        sentenceEnglish.setId("vocab-sentence-english");
        entryStatus.setId("vocab-entry-status");
        entryStatus.setLabel("Status");
        entryStatus.setItems(WordStatus.values());
        entryStatus.setItemLabelGenerator(s -> s == WordStatus.KNOWN ? "Known" : "Learning");
        for (var field : List.of(pinyin, definition)) {
            field.setWidthFull();
        }
        sentence.setWidthFull();
        sentenceEnglish.setWidthFull();
        Button save = new Button("Save", e -> save());
        save.setId("vocab-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button toggle = new Button("Known / learning", e -> toggleStatus());
        toggle.setId("vocab-toggle");
        Button delete = new Button("Delete", e -> delete());
        delete.setId("vocab-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        editing.addClassName("dz-vocab-editing");
        editor.add(editing, pinyin, definition, sentence, sentenceEnglish, entryStatus, new Div(save, toggle, delete));
        editor.setVisible(false);

        add(new H2("Vocabulary"), filters, grid, editor,
                new AnkiSection(decks, vocabulary.list(null, null), decks::title));
        refresh();
    }

    private WordStatus statusFilter() {
        return switch (status.getValue() == null ? ALL : status.getValue()) {
            case "Learning" -> WordStatus.LEARNING;
            case "Known" -> WordStatus.KNOWN;
            default -> null;
        };
    }

    private void refresh() {
        List<VocabularyEntry> entries = vocabulary.list(filter.getValue(), statusFilter());
        grid.setItems(entries);
        count.setText(entries.size() == 1 ? "1 word" : entries.size() + " words");
        if (selected != null) {
            entries.stream().filter(e -> e.id() == selected.id()).findFirst().ifPresentOrElse(grid::select,
                    () -> edit(null));
        }
    }

    private void edit(VocabularyEntry entry) {
        if (entry == null) {
            return; // keep the editor while the grid reloads
        }
        selected = entry;
        editing.setText(entry.headword());
        pinyin.setValue(nonNull(entry.pinyin()));
        definition.setValue(nonNull(entry.definition()));
        sentence.setValue(nonNull(entry.sentence()));
        sentenceEnglish.setValue(nonNull(entry.sentenceEnglish()));
        entryStatus.setValue(entry.status());
        editor.setVisible(true);
    }

    private void save() {
        if (selected == null) {
            return;
        }
        selected = vocabulary.update(selected.id(), pinyin.getValue(), definition.getValue(), sentence.getValue(),
                sentenceEnglish.getValue(), entryStatus.getValue());
        Notification.show("Saved " + selected.simplified() + ".");
        refresh();
    }

    private void toggleStatus() {
        if (selected == null) {
            return;
        }
        WordStatus next = selected.status() == WordStatus.KNOWN ? WordStatus.LEARNING : WordStatus.KNOWN;
        vocabulary.setStatus(selected.id(), next);
        selected = vocabulary.get(selected.id()).orElse(null);
        if (selected != null) {
            entryStatus.setValue(selected.status());
        }
        refresh();
    }

    private void delete() {
        if (selected == null) {
            return;
        }
        vocabulary.delete(selected.id());
        Notification.show("Deleted " + selected.simplified() + ".");
        selected = null;
        editor.setVisible(false);
        refresh();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** The entries shown (for tests). */
    List<VocabularyEntry> shown() {
        return vocabulary.list(filter.getValue(), statusFilter());
    }
}
