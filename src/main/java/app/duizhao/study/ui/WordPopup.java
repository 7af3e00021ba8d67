package app.duizhao.study.ui;

import app.duizhao.chinese.DictionaryEntry;
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
 * <p>The popup must show within 50 ms of the click, so in the browser it is opened by the reader's client script
 * from the article's dictionary, sent once per article (see {@link PopupDictionary}); the same HTML is built here
 * when the browser could not (the dictionary not loaded yet, a word made by a correction) and after the server
 * changed something (vocabulary, segmentation). The server keeps which word is open, for the actions. The content
 * is one escaped HTML string, never a tree of components, and is sent with {@code executeJs} rather than kept in
 * the state tree: no state nodes, nothing held per session. Each browser-side open or close counts a sequence
 * number ({@code seq}); the server's pushes carry the last number it saw, so a late push never replaces a newer
 * popup. Its buttons carry {@code data-action} (and {@code data-arg}); one click listener on the popup sends them
 * to {@link #act(String, String)}.
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

        /** Makes the popup's state that of word {@code index} of block {@code block} (a late click event). */
        default void reopen(int block, int index) {
        }
    }

    /** Event data: the clicked action and its argument. */
    public static final String ACTION = "event.target.closest && event.target.closest('[data-action]') ? event.target.closest('[data-action]').dataset.action : ''";
    public static final String ARGUMENT = "event.target.closest && event.target.closest('[data-action]') ? (event.target.closest('[data-action]').dataset.arg || '') : ''";

    /** Event data: the popup's sequence number, block and word index, and the chosen definition, as the browser has them. */
    public static final String SEQ = "+(element.dataset.seq || 0)";
    public static final String ROW = "+(element.dataset.row || -1)";
    public static final String WORD = "+(element.dataset.i || -1)";
    public static final String CHOSEN = "element.querySelector('.dz-chosen') ? +element.querySelector('.dz-chosen').dataset.arg : -1";

    static final int CHARACTER_DEFINITIONS = 4;
    static final int CHARACTER_ENTRIES = 3;

    private final List<String> definitions = new ArrayList<>();
    private WordLookup lookup;
    private Actions actions;
    private boolean canMergePrevious;
    private boolean canMergeNext;
    private int chosen;
    private String html = "";
    private boolean open;
    private boolean corrections = true;
    private int block = -1;
    private int index = -1;
    private int seq;

    public WordPopup() {
        setId("word-popup");
        addClassName("dz-popup");
        getElement().setAttribute("role", "dialog");
        // A plain attribute, set once: from here on the browser script and executeJs show and hide the popup.
        getElement().setAttribute("hidden", "");
        getElement().addEventListener("click", this::clicked).addEventData(ACTION).addEventData(ARGUMENT)
                .addEventData(SEQ).addEventData(ROW).addEventData(WORD).addEventData(CHOSEN)
                .setFilter("event.target.closest && event.target.closest('[data-action]') != null");
    }

    /** Without the segmentation buttons (a read-only saved version). */
    public void withoutCorrections() {
        corrections = false;
    }

    /**
     * Fills the popup for {@code lookup}, word {@code index} of block {@code block}. With {@code push} the browser is
     * sent the HTML (it could not open the popup itself); without, it already shows it.
     */
    public void show(WordLookup lookup, boolean canMergePrevious, boolean canMergeNext, Actions actions, int block,
                     int index, int seq, boolean push) {
        this.lookup = lookup;
        this.actions = actions;
        this.canMergePrevious = canMergePrevious;
        this.canMergeNext = canMergeNext;
        this.block = block;
        this.index = index;
        this.seq = seq;
        definitions.clear();
        for (DictionaryEntry entry : lookup.entries()) {
            for (String raw : entry.definitions()) {
                definitions.add(StudyService.readable(raw));
            }
        }
        chosen = Math.max(0, definitions.indexOf(lookup.definition()));
        render();
        open = true;
        if (push) {
            push();
        }
    }

    /** Shows {@code lookup} (tests and benchmarks: no block, no browser script). */
    public void show(WordLookup lookup, boolean canMergePrevious, boolean canMergeNext, Actions actions) {
        show(lookup, canMergePrevious, canMergeNext, actions, -1, -1, 0, true);
    }

    private void push() {
        getElement().executeJs("if (window.__dzStudy) window.__dzStudy.serverPopup($0, $1, $2, $3, $4);"
                + " else { this.innerHTML = $1 || ''; this.hidden = !$1; }",
                seq, open ? html : null, open ? lookup.word() : "", block, index);
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
            // Mirrored by the client script (study-client.js): keep the two renderers alike.
            h.append("<div id=\"popup-characters\" class=\"dz-popup-chars\">");
            for (WordLookup.CharacterEntries ch : lookup.characters()) {
                h.append("<div class=\"dz-popup-char\"><span class=\"dz-popup-char-form\">");
                ChineseHtml.escape(ch.character(), h);
                h.append("</span>");
                if (ch.entries().isEmpty()) {
                    h.append(" (not in CC-CEDICT)");
                }
                for (DictionaryEntry e : ch.entries().subList(0, Math.min(CHARACTER_ENTRIES, ch.entries().size()))) {
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
        h.append("</div>");
        if (!corrections) {
            html = h.toString();
            return;
        }
        h.append("<div class=\"dz-popup-segmentation\"><span>Segmentation:</span>");
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
        var data = event.getEventData();
        int browserSeq = data.has(SEQ) ? data.get(SEQ).asInt(0) : 0;
        int browserBlock = data.has(ROW) ? data.get(ROW).asInt(-1) : -1;
        int browserIndex = data.has(WORD) ? data.get(WORD).asInt(-1) : -1;
        if (browserSeq > seq) {
            seq = browserSeq;
        }
        if (actions != null && browserBlock >= 0 && browserIndex >= 0 && (browserBlock != block || browserIndex != index)) {
            actions.reopen(browserBlock, browserIndex); // the click on the word has not been handled yet
        }
        int browserChosen = data.has(CHOSEN) ? data.get(CHOSEN).asInt(-1) : -1;
        if (browserChosen >= 0 && browserChosen < definitions.size()) {
            chosen = browserChosen;
        }
        String action = data.has(ACTION) ? data.get(ACTION).asString("") : "";
        act(action, data.has(ARGUMENT) ? data.get(ARGUMENT).asString("") : "", browserSeq > 0);
    }

    /** Runs the action of a clicked button ({@code data-action}, {@code data-arg}). */
    public void act(String action, String argument) {
        act(action, argument, false);
    }

    /** Runs an action; {@code inBrowser}: the browser already did what it could (choosing, closing) itself. */
    private void act(String action, String argument, boolean inBrowser) {
        if (lookup == null || actions == null) {
            return;
        }
        switch (action) {
            case "close" -> {
                if (inBrowser) {
                    hideSilently();
                } else {
                    actions.close();
                }
            }
            case "choose" -> {
                int at = parse(argument);
                if (at >= 0 && at < definitions.size()) {
                    chosen = at;
                    render();
                }
            }
            case "add" -> actions.addToVocabulary(lookup, chosenDefinition());
            case "status" -> lookup.vocabulary().ifPresent(entry -> actions.setStatus(entry,
                    entry.status() == WordStatus.KNOWN ? WordStatus.LEARNING : WordStatus.KNOWN));
            case "split" -> {
                int at = parse(argument);
                if (!corrections) {
                    return;
                }
                if (at > 0 && at < lookup.word().length()) {
                    actions.split(at);
                }
            }
            case "merge-previous" -> {
                if (canMergePrevious && corrections) {
                    actions.mergeWithPrevious();
                }
            }
            case "merge-next" -> {
                if (canMergeNext && corrections) {
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
        return open ? lookup : null;
    }

    /** Whether the popup is open. */
    public boolean isOpen() {
        return open;
    }

    /** The block and word index of the word shown ({@code -1} when none). */
    public int block() {
        return open ? block : -1;
    }

    public int index() {
        return open ? index : -1;
    }

    /** The last sequence number the browser reported (0 without a browser script). */
    public int seq() {
        return seq;
    }

    /** Takes a newer sequence number reported by the browser with a click on the rows. */
    public void seenSeq(int browserSeq) {
        seq = Math.max(seq, browserSeq);
    }

    /** The popup's text (for tests). */
    public String text() {
        return open ? ChineseHtml.plainText(html) : "";
    }

    /** The popup's HTML, as the browser script must build it too (for tests). */
    public String html() {
        return open ? html : "";
    }

    /** Closes the popup, in the browser too. */
    public void hide() {
        hideSilently();
        push();
    }

    /** Forgets the popup, which the browser has already closed. */
    public void hideSilently() {
        open = false;
        lookup = null;
        html = "";
        block = -1;
        index = -1;
    }
}
