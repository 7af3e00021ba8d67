package app.duizhao.study.ui;

import app.duizhao.study.DictionaryEntry;
import app.duizhao.study.StudyService;
import app.duizhao.study.VocabularyEntry;
import app.duizhao.study.WordLookup;
import app.duizhao.study.WordStatus;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

import java.util.ArrayList;
import java.util.List;

/**
 * The instant-dictionary popup: the word's CC-CEDICT entries (simplified, traditional, pinyin with tone marks, all
 * definitions), its characters' entries, its HSK level, and actions: add to the vocabulary with the chosen
 * definition, mark known or learning, correct the segmentation (split, merge with a neighbour), explain the
 * sentence.
 */
public class WordPopup extends Div {

    /** What the popup's buttons do; the reader implements it. */
    public interface Actions {
        void addToVocabulary(WordLookup lookup, String definition);

        void setStatus(VocabularyEntry entry, WordStatus status);

        void split(int at);

        void mergeWithPrevious();

        void mergeWithNext();

        void explainSentence();

        void close();
    }

    private static final int CHARACTER_DEFINITIONS = 4;

    private final List<Div> definitionItems = new ArrayList<>();
    private WordLookup lookup;
    private String chosenDefinition;

    public WordPopup() {
        setId("word-popup");
        addClassName("dz-popup");
        getElement().setAttribute("role", "dialog");
        setVisible(false);
    }

    /** Fills the popup for {@code lookup} and shows it. */
    public void show(WordLookup lookup, boolean canMergePrevious, boolean canMergeNext, Actions actions) {
        this.lookup = lookup;
        removeAll();
        definitionItems.clear();
        chosenDefinition = lookup.definition();
        getElement().setAttribute("data-word", lookup.word());

        Div head = new Div();
        head.addClassName("dz-popup-head");
        Span word = new Span(lookup.word());
        word.addClassName("dz-popup-word");
        word.getElement().setAttribute("lang", "zh");
        Span level = new Span(lookup.hskLevel() == StudyService.BEYOND_HSK ? "beyond HSK" : "HSK " + lookup.hskLevel());
        level.addClassNames("dz-popup-hsk", "dz-hsk-badge-" + lookup.hskLevel());
        level.setId("popup-hsk");
        Button close = small("×", e -> actions.close());
        close.setId("popup-close");
        close.getElement().setAttribute("aria-label", "Close");
        head.add(word, level, close);
        add(head);

        if (lookup.entries().isEmpty()) {
            Div none = new Div(new Span("Not in CC-CEDICT."
                    + (lookup.pinyin().isEmpty() ? "" : " Reading: " + lookup.pinyin())));
            none.addClassName("dz-popup-none");
            add(none);
        }
        for (DictionaryEntry entry : lookup.entries()) {
            Div block = new Div();
            block.addClassName("dz-popup-entry");
            Div forms = new Div();
            forms.addClassName("dz-popup-forms");
            Span simplified = new Span(entry.simplified());
            simplified.addClassName("dz-popup-simplified");
            forms.add(simplified);
            if (!entry.traditional().equals(entry.simplified())) {
                Span traditional = new Span(entry.traditional());
                traditional.addClassName("dz-popup-traditional");
                forms.add(traditional);
            }
            Span pinyin = new Span(entry.pinyin());
            pinyin.addClassName("dz-popup-pinyin");
            forms.add(pinyin);
            block.add(forms);
            Div list = new Div();
            list.addClassName("dz-popup-defs");
            for (String raw : entry.definitions()) {
                String definition = StudyService.readable(raw);
                Div item = new Div(new Span(definition));
                item.addClassName("dz-popup-def");
                item.getElement().setAttribute("title", "Click to choose this definition for your vocabulary");
                item.addClickListener(e -> choose(item, definition));
                if (definition.equals(chosenDefinition)) {
                    item.addClassName("dz-chosen");
                }
                definitionItems.add(item);
                list.add(item);
            }
            block.add(list);
            add(block);
        }

        if (!lookup.characters().isEmpty()) {
            Div chars = new Div();
            chars.addClassName("dz-popup-chars");
            chars.setId("popup-characters");
            for (WordLookup.CharacterEntries ch : lookup.characters()) {
                Div line = new Div();
                line.addClassName("dz-popup-char");
                Span c = new Span(ch.character());
                c.addClassName("dz-popup-char-form");
                line.add(c);
                if (ch.entries().isEmpty()) {
                    line.add(new Span(" (not in CC-CEDICT)"));
                }
                for (DictionaryEntry e : ch.entries().subList(0, Math.min(3, ch.entries().size()))) {
                    Span reading = new Span(" " + e.pinyin() + " ");
                    reading.addClassName("dz-popup-pinyin");
                    List<String> defs = e.definitions().subList(0, Math.min(CHARACTER_DEFINITIONS, e.definitions().size()));
                    line.add(reading, new Span(StudyService.readable(String.join("; ", defs)) + (e.definitions().size() > defs.size() ? "; …" : "")));
                }
                chars.add(line);
            }
            add(chars);
        }

        Div tools = new Div();
        tools.addClassName("dz-popup-actions");
        if (lookup.vocabulary().isPresent()) {
            VocabularyEntry entry = lookup.vocabulary().get();
            Span in = new Span(entry.status() == WordStatus.KNOWN ? "Known" : "Learning");
            in.addClassName("dz-popup-status");
            in.setId("popup-vocab-status");
            WordStatus other = entry.status() == WordStatus.KNOWN ? WordStatus.LEARNING : WordStatus.KNOWN;
            Button toggle = small(other == WordStatus.KNOWN ? "Mark known" : "Mark learning",
                    e -> actions.setStatus(entry, other));
            toggle.setId("popup-status");
            tools.add(in, toggle);
        } else if (StudyService.isChinese(lookup.word())) {
            Button add = small("Add to vocabulary", e -> actions.addToVocabulary(lookup, chosenDefinition));
            add.setId("popup-add");
            add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            tools.add(add);
        }
        Button explain = small("Explain sentence", e -> actions.explainSentence());
        explain.setId("popup-explain");
        tools.add(explain);
        add(tools);

        Div segmentation = new Div();
        segmentation.addClassName("dz-popup-segmentation");
        segmentation.add(new Span("Segmentation: "));
        int[] cps = lookup.word().codePoints().toArray();
        int offset = 0;
        for (int k = 1; k < cps.length; k++) {
            offset += Character.charCount(cps[k - 1]);
            int at = offset;
            String label = lookup.word().substring(0, at) + "|" + lookup.word().substring(at);
            Button split = small("Split " + label, e -> actions.split(at));
            split.setId("popup-split-" + at);
            segmentation.add(split);
        }
        if (canMergePrevious) {
            Button merge = small("Merge with previous", e -> actions.mergeWithPrevious());
            merge.setId("popup-merge-previous");
            segmentation.add(merge);
        }
        if (canMergeNext) {
            Button merge = small("Merge with next", e -> actions.mergeWithNext());
            merge.setId("popup-merge-next");
            segmentation.add(merge);
        }
        add(segmentation);
        setVisible(true);
    }

    private void choose(Div item, String definition) {
        chosenDefinition = definition;
        definitionItems.forEach(d -> d.removeClassName("dz-chosen"));
        item.addClassName("dz-chosen");
    }

    /** The definition that "Add to vocabulary" saves. */
    public String chosenDefinition() {
        return chosenDefinition;
    }

    /** The word shown, or {@code null}. */
    public WordLookup lookup() {
        return isVisible() ? lookup : null;
    }

    /** The definition items, for tests. */
    public List<Div> definitionItems() {
        return List.copyOf(definitionItems);
    }

    public void hide() {
        setVisible(false);
        removeAll();
        definitionItems.clear();
        lookup = null;
    }

    private static Button small(String text, com.vaadin.flow.component.ComponentEventListener<
            com.vaadin.flow.component.ClickEvent<Button>> listener) {
        Button b = new Button(text, listener);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return b;
    }
}
