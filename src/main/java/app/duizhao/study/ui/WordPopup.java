package app.duizhao.study.ui;

import app.duizhao.study.DictionaryEntry;
import app.duizhao.study.StudyService;
import app.duizhao.study.VocabularyEntry;
import app.duizhao.study.WordLookup;
import app.duizhao.study.WordStatus;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.dom.DomEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * The instant-dictionary popup: the word's CC-CEDICT entries (simplified, traditional, pinyin with tone marks, all
 * definitions), its characters' entries, its HSK level, and actions: add to the vocabulary with the chosen
 * definition, mark known or learning, correct the segmentation (split, merge with a neighbour), explain the
 * sentence.
 *
 * <p>For speed (the popup must show within 50 ms of the click) its content is one escaped HTML string set as
 * {@code innerHTML}, not a tree of components: the browser has no web components to create, the server no state
 * nodes to keep. Its buttons carry {@code data-action} (and {@code data-arg}); one click listener on the popup
 * sends them to {@link #act(String, String)}.
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

    /** Event data: the clicked action and its argument. */
    public static final String ACTION = "event.target.closest && event.target.closest('[data-action]') ? event.target.closest('[data-action]').dataset.action : ''";
    public static final String ARGUMENT = "event.target.closest && event.target.closest('[data-action]') ? (event.target.closest('[data-action]').dataset.arg || '') : ''";

    private static final int CHARACTER_DEFINITIONS = 4;

    private final List<String> definitions = new ArrayList<>();
    private WordLookup lookup;
    private Actions actions;
    private boolean canMergePrevious;
    private boolean canMergeNext;
    private int chosen;
    private String html = "";

    public WordPopup() {
        setId("word-popup");
        addClassName("dz-popup");
        getElement().setAttribute("role", "dialog");
        getElement().addEventListener("click", this::clicked).addEventData(ACTION).addEventData(ARGUMENT)
                .setFilter("event.target.closest && event.target.closest('[data-action]') != null");
        setVisible(false);
    }

    /** Fills the popup for {@code lookup} and shows it. */
    public void show(WordLookup lookup, boolean canMergePrevious, boolean canMergeNext, Actions actions) {
        this.lookup = lookup;
        this.actions = actions;
        this.canMergePrevious = canMergePrevious;
        this.canMergeNext = canMergeNext;
        definitions.clear();
        for (DictionaryEntry entry : lookup.entries()) {
            for (String raw : entry.definitions()) {
                definitions.add(StudyService.readable(raw));
            }
        }
        chosen = Math.max(0, definitions.indexOf(lookup.definition()));
        render();
        getElement().setAttribute("data-word", lookup.word());
        setVisible(true);
    }

    private void render() {
        StringBuilder h = new StringBuilder(2048);
        h.append("<div class=\"dz-popup-head\"><span class=\"dz-popup-word\" lang=\"zh\">");
        ChineseHtml.escape(lookup.word(), h);
        h.append("</span><span id=\"popup-hsk\" class=\"dz-popup-hsk dz-hsk-badge-").append(lookup.hskLevel()).append("\">")
                .append(lookup.hskLevel() == StudyService.BEYOND_HSK ? "beyond HSK" : "HSK " + lookup.hskLevel())
                .append("</span>");
        button(h, "popup-close", "close", "", "×", "dz-popup-close", "Close");
        h.append("</div>");

        if (lookup.entries().isEmpty()) {
            h.append("<div class=\"dz-popup-none\">Not in CC-CEDICT.");
            if (!lookup.pinyin().isEmpty()) {
                h.append(" Reading: <span class=\"dz-popup-pinyin\">");
                ChineseHtml.escape(lookup.pinyin(), h);
                h.append("</span>");
            }
            h.append("</div>");
        }
        int index = 0;
        for (DictionaryEntry entry : lookup.entries()) {
            h.append("<div class=\"dz-popup-entry\"><div class=\"dz-popup-forms\"><span class=\"dz-popup-simplified\">");
            ChineseHtml.escape(entry.simplified(), h);
            h.append("</span> ");
            if (!entry.traditional().equals(entry.simplified())) {
                h.append("<span class=\"dz-popup-traditional\">");
                ChineseHtml.escape(entry.traditional(), h);
                h.append("</span> ");
            }
            h.append("<span class=\"dz-popup-pinyin\">");
            ChineseHtml.escape(entry.pinyin(), h);
            h.append("</span></div><ol class=\"dz-popup-defs\">");
            for (int k = 0; k < entry.definitions().size(); k++, index++) {
                h.append("<li class=\"dz-popup-def").append(index == chosen ? " dz-chosen" : "")
                        .append("\" data-action=\"choose\" data-arg=\"").append(index)
                        .append("\" title=\"Choose this definition for your vocabulary\">");
                ChineseHtml.escape(definitions.get(index), h);
                h.append("</li>");
            }
            h.append("</ol></div>");
        }

        if (!lookup.characters().isEmpty()) {
            h.append("<div id=\"popup-characters\" class=\"dz-popup-chars\">");
            for (WordLookup.CharacterEntries ch : lookup.characters()) {
                h.append("<div class=\"dz-popup-char\"><span class=\"dz-popup-char-form\">");
                ChineseHtml.escape(ch.character(), h);
                h.append("</span>");
                if (ch.entries().isEmpty()) {
                    h.append(" (not in CC-CEDICT)");
                }
                for (DictionaryEntry e : ch.entries().subList(0, Math.min(3, ch.entries().size()))) {
                    h.append(" <span class=\"dz-popup-pinyin\">");
                    ChineseHtml.escape(e.pinyin(), h);
                    h.append("</span> ");
                    List<String> defs = e.definitions().subList(0, Math.min(CHARACTER_DEFINITIONS, e.definitions().size()));
                    ChineseHtml.escape(StudyService.readable(String.join("; ", defs))
                            + (e.definitions().size() > defs.size() ? "; …" : ""), h);
                }
                h.append("</div>");
            }
            h.append("</div>");
        }

        h.append("<div class=\"dz-popup-actions\">");
        if (lookup.vocabulary().isPresent()) {
            VocabularyEntry entry = lookup.vocabulary().get();
            boolean known = entry.status() == WordStatus.KNOWN;
            h.append("<span id=\"popup-vocab-status\" class=\"dz-popup-status\">").append(known ? "Known" : "Learning")
                    .append("</span>");
            button(h, "popup-status", "status", "", known ? "Mark learning" : "Mark known", "", null);
        } else if (StudyService.isChinese(lookup.word())) {
            button(h, "popup-add", "add", "", "Add to vocabulary", "dz-primary", null);
        }
        button(h, "popup-explain", "explain", "", "Explain sentence", "", null);
        h.append("</div><div class=\"dz-popup-segmentation\"><span>Segmentation:</span>");
        int[] cps = lookup.word().codePoints().toArray();
        int offset = 0;
        for (int k = 1; k < cps.length; k++) {
            offset += Character.charCount(cps[k - 1]);
            button(h, "popup-split-" + offset, "split", String.valueOf(offset),
                    "Split " + lookup.word().substring(0, offset) + "|" + lookup.word().substring(offset), "", null);
        }
        if (canMergePrevious) {
            button(h, "popup-merge-previous", "merge-previous", "", "Merge with previous", "", null);
        }
        if (canMergeNext) {
            button(h, "popup-merge-next", "merge-next", "", "Merge with next", "", null);
        }
        h.append("</div>");
        html = h.toString();
        getElement().setProperty("innerHTML", html);
    }

    private static void button(StringBuilder h, String id, String action, String arg, String label, String cssClass,
                               String ariaLabel) {
        h.append("<button type=\"button\" id=\"").append(id).append("\" class=\"dz-popup-button ").append(cssClass)
                .append("\" data-action=\"").append(action).append("\"");
        if (!arg.isEmpty()) {
            h.append(" data-arg=\"").append(arg).append("\"");
        }
        if (ariaLabel != null) {
            h.append(" aria-label=\"").append(ariaLabel).append("\"");
        }
        h.append(">");
        ChineseHtml.escape(label, h);
        h.append("</button>");
    }

    private void clicked(DomEvent event) {
        act(event.getEventData().get(ACTION).asString(""), event.getEventData().get(ARGUMENT).asString(""));
    }

    /** Runs the action of a clicked button ({@code data-action}, {@code data-arg}). */
    public void act(String action, String argument) {
        if (lookup == null || actions == null) {
            return;
        }
        switch (action) {
            case "close" -> actions.close();
            case "choose" -> {
                int index = parse(argument);
                if (index >= 0 && index < definitions.size()) {
                    chosen = index;
                    render();
                }
            }
            case "add" -> actions.addToVocabulary(lookup, chosenDefinition());
            case "status" -> lookup.vocabulary().ifPresent(entry -> actions.setStatus(entry,
                    entry.status() == WordStatus.KNOWN ? WordStatus.LEARNING : WordStatus.KNOWN));
            case "split" -> {
                int at = parse(argument);
                if (at > 0 && at < lookup.word().length()) {
                    actions.split(at);
                }
            }
            case "merge-previous" -> {
                if (canMergePrevious) {
                    actions.mergeWithPrevious();
                }
            }
            case "merge-next" -> {
                if (canMergeNext) {
                    actions.mergeWithNext();
                }
            }
            case "explain" -> actions.explainSentence();
            default -> { }
        }
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The definition that "Add to vocabulary" saves. */
    public String chosenDefinition() {
        return definitions.isEmpty() ? lookup.definition() : definitions.get(chosen);
    }

    /** The definitions offered, in order (for tests). */
    public List<String> definitions() {
        return List.copyOf(definitions);
    }

    /** The word shown, or {@code null}. */
    public WordLookup lookup() {
        return isVisible() ? lookup : null;
    }

    /** The popup's text (for tests). */
    public String text() {
        return isVisible() ? ChineseHtml.plainText(html) : "";
    }

    /** The popup's HTML (for tests). */
    public String html() {
        return isVisible() ? html : "";
    }

    public void hide() {
        setVisible(false);
        lookup = null;
        html = "";
        getElement().setProperty("innerHTML", "");
    }
}
