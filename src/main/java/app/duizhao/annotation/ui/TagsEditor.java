package app.duizhao.annotation.ui;

import app.duizhao.annotation.AnnotationService;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;

import java.util.List;

/** The user's tags on an article, edited in the reader's header as comma-separated text and shown as chips. */
public class TagsEditor extends Div {

    private final AnnotationService annotations;
    private final long articleId;
    private final TextField field = new TextField();
    private final Div chips = new Div();

    public TagsEditor(AnnotationService annotations, long articleId) {
        this.annotations = annotations;
        this.articleId = articleId;
        addClassName("dz-tags");
        field.setId("tags");
        field.setPlaceholder("Tags, separated by commas");
        field.setAriaLabel("Tags");
        field.setClearButtonVisible(true);
        field.setValueChangeMode(ValueChangeMode.ON_CHANGE);
        chips.addClassName("dz-tag-chips");
        List<String> tags = annotations.tags(articleId);
        field.setValue(String.join(", ", tags));
        showChips(tags);
        // Saving normalises the text and sets it back, which comes here once more and then changes nothing.
        field.addValueChangeListener(event -> save(event.getValue()));
        add(chips, field);
    }

    /** Stores the tags typed; the field shows them as stored. */
    void save(String text) {
        List<String> stored = annotations.setTags(articleId, AnnotationService.parseTags(text));
        String shown = String.join(", ", stored);
        if (!shown.equals(field.getValue())) {
            field.setValue(shown);
        }
        showChips(stored);
    }

    private void showChips(List<String> tags) {
        chips.removeAll();
        for (String tag : tags) {
            Span chip = new Span("#" + tag);
            chip.addClassName("dz-tag");
            chips.add(chip);
        }
    }

    /** The field (for tests). */
    TextField field() {
        return field;
    }
}
