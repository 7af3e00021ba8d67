package app.duizhao.reader.ui;

import app.duizhao.annotation.AnnotationService;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import app.duizhao.study.DisplayMode;
import app.duizhao.study.ExplanationListener;
import app.duizhao.study.NewVocabularyWord;
import app.duizhao.study.ReaderPreferences;
import app.duizhao.study.StudyService;
import app.duizhao.study.VocabularyEntry;
import app.duizhao.study.VocabularyService;
import app.duizhao.study.WordLookup;
import app.duizhao.study.WordStatus;
import app.duizhao.study.ui.ChineseHtml;
import app.duizhao.study.ui.ExplainPanel;
import app.duizhao.study.ui.KeyboardHelp;
import app.duizhao.study.ui.ReaderPreferencesBar;
import app.duizhao.study.ui.WordPopup;
import app.duizhao.translation.ArticleContext;
import app.duizhao.translation.Cancellation;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.dom.DomListenerRegistration;
import com.vaadin.flow.spring.annotation.SpringComponent;
import org.springframework.context.annotation.Scope;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The study tools of the reader (issue 5), kept apart from {@link ReaderView}: renders each Chinese block as word
 * spans (one {@code innerHTML} per block), answers clicks on words with the dictionary popup from one listener on
 * the rows, pinyin, HSK and new-word colours, display modes, font size, keys, the reading position, and LLM
 * explanations.
 */
@SpringComponent
@Scope("prototype")
public class ReaderStudy extends Div {

    /** Event data: whether the click ended a text selection (then it is a highlight, not a lookup). */
    private static final String SELECTING = "!!(window.getSelection() && !window.getSelection().isCollapsed)";

    /** Event data: the index of the clicked word in its block (-1 if none) and the row's block index. */
    static final String WORD_INDEX = "event.target.closest && event.target.closest('.dz-w') ? +event.target.closest('.dz-w').dataset.i : -1";
    static final String ROW_INDEX = "event.target.closest && event.target.closest('.dz-row') ? +event.target.closest('.dz-row').dataset.index : -1";

    static final String HOVER_FILTER = "event.target.closest && event.target.closest('.dz-w') != null";

    private final StudyService study;
    private final VocabularyService vocabulary;
    private final AnnotationService annotations;
    private final WordPopup popup = new WordPopup();
    private final ExplainPanel explainPanel;
    /** Each block's word boundaries (end offsets): a few bytes per word instead of a String per word. */
    private final Map<Integer, int[]> words = new HashMap<>();
    private final Map<Integer, String> texts = new HashMap<>();
    private ReaderView view;
    private ArticleSnapshot article;
    private Map<Integer, BlockRow> rows;
    private Div table;
    private ReaderPreferencesBar bar;
    private ReaderPreferences preferences;
    private boolean pinyin;
    private int current = -1;
    private int popupBlock = -1;
    private int popupWord = -1;
    private int explainBlock = -1;
    private DomListenerRegistration hoverRegistration;
    private Cancellation explanation;

    public ReaderStudy(StudyService study, VocabularyService vocabulary, AnnotationService annotations) {
        this.study = study;
        this.vocabulary = vocabulary;
        this.annotations = annotations;
        this.explainPanel = new ExplainPanel(this::saveExplanation, this::closeExplanation);
        addClassName("dz-study");
        add(popup, explainPanel);
    }

    /** Adds the study tools to a reader that shows {@code article} in {@code rows} inside {@code table}. */
    void install(ReaderView view, ArticleSnapshot article, Map<Integer, BlockRow> rows, Div table) {
        this.view = view;
        this.article = article;
        this.rows = rows;
        this.table = table;
        words.clear();
        texts.clear();
        popup.hide();
        preferences = study.preferences();
        pinyin = study.pinyinShown(article.articleId());
        for (SnapshotBlock block : article.blocks()) {
            if (!block.isImage()) {
                texts.put(block.position(), block.text());
                words.put(block.position(), ends(study.words(block.text())));
            }
        }
        renderAll();
        bar = new ReaderPreferencesBar(preferences, pinyin, study.canExplain(), new ReaderPreferencesBar.Listener() {
            @Override
            public void pinyinChanged(boolean shown) {
                setPinyin(shown);
            }

            @Override
            public void preferencesChanged(ReaderPreferences changed) {
                preferences = study.savePreferences(changed);
                applyPreferences();
            }

            @Override
            public void explainSelection() {
                getElement().executeJs("const s = window.getSelection ? window.getSelection() : null;"
                        + "if (!s || s.isCollapsed) return '-1\\u0001';"
                        + "const n = s.anchorNode && (s.anchorNode.nodeType === 1 ? s.anchorNode : s.anchorNode.parentElement);"
                        + "const r = n && n.closest ? n.closest('.dz-row') : null;"
                        + "return (r ? r.dataset.index : '-1') + '\\u0001' + s.toString();")
                        .then(String.class, result -> {
                            int cut = result.indexOf('\u0001');
                            explain(result.substring(cut + 1), Integer.parseInt(result.substring(0, cut)));
                        });
            }

            @Override
            public void showKeys() {
                ReaderStudy.this.showKeys();
            }
        });
        view.addComponentAtIndex(view.indexOf(table), bar);
        view.add(this);
        table.addClassName("dz-study-rows");
        applyPreferences();
        refreshProfile();
        // A click that ends a text selection is a highlight, not a lookup: leave it to the annotation layer.
        table.getElement().addEventListener("click", this::clicked)
                .addEventData(WORD_INDEX).addEventData(ROW_INDEX).addEventData(SELECTING);
        int position = Math.min(study.readingPosition(article.articleId()), Math.max(0, article.blocks().size() - 1));
        if (position > 0) {
            select(position, false);
        }
        getElement().executeJs(CLIENT_SCRIPT, getElement(), table.getElement(), position);
    }

    /** Keys, the reading position, and the restored scroll position, set up in the browser. */
    private static final String CLIENT_SCRIPT = """
            const host = $0, rowsEl = $1;
            if (window.__dzStudy) {
              document.removeEventListener('keydown', window.__dzStudy.keys);
              window.removeEventListener('scroll', window.__dzStudy.scroll);
            }
            const editing = e => {
              const t = (e.composedPath && e.composedPath()[0]) || e.target;
              return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)
                || (t.closest && t.closest('vaadin-text-field,vaadin-text-area,vaadin-select,vaadin-combo-box,vaadin-dialog-overlay')));
            };
            const keys = e => {
              if (!host.isConnected || e.ctrlKey || e.metaKey || e.altKey || editing(e)) return;
              if (['j', 'k', 't', 'p', '?', 'Escape'].includes(e.key)) {
                e.preventDefault();
                host.$server.key(e.key);
              }
            };
            let timer = null, last = -1;
            const scroll = () => {
              clearTimeout(timer);
              timer = setTimeout(() => {
                if (!host.isConnected) return;
                const top = (document.querySelector('.dz-header') || {offsetHeight: 0}).offsetHeight + 60;
                for (const r of rowsEl.querySelectorAll('.dz-row')) {
                  if (r.getBoundingClientRect().bottom > top) {
                    const i = +r.dataset.index;
                    if (i !== last) { last = i; host.$server.position(i); }
                    break;
                  }
                }
              }, 400);
            };
            window.__dzStudy = {keys, scroll};
            document.addEventListener('keydown', keys);
            window.addEventListener('scroll', scroll, {passive: true});
            if ($2 > 0) {
              const r = rowsEl.querySelector('.dz-row[data-index="' + $2 + '"]');
              if (r) { last = $2; r.scrollIntoView({block: 'start'}); window.scrollBy(0, -140); }
            }
            """;

    // ---------------------------------------------------------------- rendering

    private static int[] ends(List<String> list) {
        int[] ends = new int[list.size()];
        int at = 0;
        for (int i = 0; i < ends.length; i++) {
            at += list.get(i).length();
            ends[i] = at;
        }
        return ends;
    }

    /** The words of a block, cut from its text; {@code null} for an image or unknown block. */
    List<String> words(int position) {
        int[] ends = words.get(position);
        String text = texts.get(position);
        if (ends == null || text == null) {
            return null;
        }
        List<String> list = new ArrayList<>(ends.length);
        int start = 0;
        for (int end : ends) {
            list.add(text.substring(start, end));
            start = end;
        }
        return list;
    }

    private void renderAll() {
        Map<String, WordStatus> statuses = vocabulary.statuses();
        words.keySet().forEach(position -> render(position, statuses));
    }

    private void render(int position, Map<String, WordStatus> statuses) {
        BlockRow row = rows.get(position);
        List<String> list = words(position);
        if (row == null || list == null) {
            return;
        }
        Div chinese = row.chinese();
        chinese.getElement().removeAllChildren();
        chinese.getElement().setProperty("innerHTML", ChineseHtml.render(list, pinyin, study, statuses));
    }

    /** Re-renders the blocks that contain one of {@code changed}. */
    private void renderBlocksWith(String... changed) {
        Map<String, WordStatus> statuses = vocabulary.statuses();
        words.keySet().forEach(position -> {
            List<String> list = words(position);
            for (String w : changed) {
                if (w != null && list.contains(w)) {
                    render(position, statuses);
                    return;
                }
            }
        });
    }

    private void applyPreferences() {
        for (DisplayMode mode : DisplayMode.values()) {
            table.removeClassName(modeClass(mode));
        }
        table.addClassName(modeClass(preferences.displayMode()));
        table.setClassName("dz-hsk-on", preferences.showHsk());
        table.setClassName("dz-tone-colours", preferences.toneColours());
        table.setClassName("dz-mark-new", preferences.markNewWords());
        table.setClassName("dz-pinyin-on", pinyin);
        table.getStyle().set("--dz-font-size", preferences.fontSize() + "px");
        if (preferences.lookupOnHover() && hoverRegistration == null) {
            hoverRegistration = table.getElement().addEventListener("mouseover", this::hovered)
                    .addEventData(WORD_INDEX).addEventData(ROW_INDEX)
                    .setFilter(HOVER_FILTER)
                    .debounce(250); // only where the pointer rests: one round trip, not one per word crossed
        } else if (!preferences.lookupOnHover() && hoverRegistration != null) {
            hoverRegistration.remove();
            hoverRegistration = null;
        }
    }

    static String modeClass(DisplayMode mode) {
        return "dz-mode-" + mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private void refreshProfile() {
        List<List<String>> all = new ArrayList<>(words.size());
        words.keySet().forEach(position -> all.add(words(position)));
        bar.showProfile(study.profile(all));
    }

    void setPinyin(boolean shown) {
        if (shown == pinyin) {
            return;
        }
        pinyin = shown;
        study.showPinyin(article.articleId(), shown);
        bar.setPinyin(shown);
        table.setClassName("dz-pinyin-on", shown);
        renderAll();
    }

    // ---------------------------------------------------------------- words and the popup

    private void clicked(DomEvent event) {
        if (event.getEventData().get(SELECTING) != null && event.getEventData().get(SELECTING).asBoolean(false)) {
            return;
        }
        int word = event.getEventData().get(WORD_INDEX).asInt(-1);
        int row = event.getEventData().get(ROW_INDEX).asInt(-1);
        if (row >= 0) {
            select(row, false);
        }
        if (word >= 0 && row >= 0) {
            openWord(row, word);
        } else {
            popup.hide();
        }
    }

    private void hovered(DomEvent event) {
        int word = event.getEventData().get(WORD_INDEX).asInt(-1);
        int row = event.getEventData().get(ROW_INDEX).asInt(-1);
        if (word >= 0 && row >= 0 && (row != popupBlock || word != popupWord || popup.lookup() == null)) {
            openWord(row, word);
        }
    }

    /** Shows the popup for word {@code index} of block {@code position}. */
    void openWord(int position, int index) {
        List<String> list = words(position);
        if (list == null || index < 0 || index >= list.size() || !StudyService.isChinese(list.get(index))) {
            popup.hide();
            return;
        }
        popupBlock = position;
        popupWord = index;
        WordLookup lookup = study.lookup(list.get(index));
        boolean previous = index > 0 && StudyService.isChinese(list.get(index - 1));
        boolean next = index + 1 < list.size() && StudyService.isChinese(list.get(index + 1));
        popup.show(lookup, previous, next, actions);
        popup.getElement().executeJs("""
                const w = document.querySelector('#rows .dz-row[data-index="' + $1 + '"] .dz-w[data-i="' + $2 + '"]');
                document.querySelectorAll('#rows .dz-w-active').forEach(e => e.classList.remove('dz-w-active'));
                if (!w) return;
                w.classList.add('dz-w-active');
                const p = $0, parent = p.offsetParent || document.body, base = parent.getBoundingClientRect();
                const r = w.getBoundingClientRect();
                p.style.top = (r.bottom - base.top + 6) + 'px';
                p.style.left = Math.max(4, Math.min(r.left - base.left, parent.clientWidth - p.offsetWidth - 4)) + 'px';
                """, popup.getElement(), position, index);
    }

    private int offsetOf(int position, int index) {
        return index <= 0 ? 0 : words.get(position)[index - 1];
    }

    private SnapshotBlock block(int position) {
        return article.blocks().stream().filter(b -> b.position() == position).findFirst().orElse(null);
    }

    private String sentenceOfPopupWord() {
        SnapshotBlock block = block(popupBlock);
        return block == null ? "" : StudyService.sentenceAt(block.text(), offsetOf(popupBlock, popupWord));
    }

    private final WordPopup.Actions actions = new WordPopup.Actions() {
        @Override
        public void addToVocabulary(WordLookup lookup, String definition) {
            SnapshotBlock block = block(popupBlock);
            String sentence = sentenceOfPopupWord();
            BlockRow row = rows.get(popupBlock);
            String english = block == null || row == null ? null
                    : StudyService.englishOfSentence(block.text(), sentence, row.englishText());
            vocabulary.add(new NewVocabularyWord(lookup.simplified(), lookup.traditional(), lookup.pinyin(), definition,
                    sentence, english, article.articleId()));
            Notification.show("Added " + lookup.word() + " to your vocabulary.");
            afterVocabularyChange(lookup);
        }

        @Override
        public void setStatus(VocabularyEntry entry, WordStatus status) {
            vocabulary.setStatus(entry.id(), status);
            afterVocabularyChange(popup.lookup());
        }

        @Override
        public void split(int at) {
            String word = words(popupBlock).get(popupWord);
            study.splitWord(word, at);
            resegment(popupBlock, offsetOf(popupBlock, popupWord));
        }

        @Override
        public void mergeWithPrevious() {
            List<String> list = words(popupBlock);
            study.mergeWords(List.of(list.get(popupWord - 1), list.get(popupWord)));
            resegment(popupBlock, offsetOf(popupBlock, popupWord - 1));
        }

        @Override
        public void mergeWithNext() {
            List<String> list = words(popupBlock);
            study.mergeWords(List.of(list.get(popupWord), list.get(popupWord + 1)));
            resegment(popupBlock, offsetOf(popupBlock, popupWord));
        }

        @Override
        public void explainSentence() {
            explain(sentenceOfPopupWord(), popupBlock);
        }

        @Override
        public void close() {
            popup.hide();
        }
    };

    private void afterVocabularyChange(WordLookup lookup) {
        if (lookup != null) {
            renderBlocksWith(lookup.word(), lookup.simplified(), lookup.traditional());
        }
        refreshProfile();
        if (popupBlock >= 0 && popupWord >= 0) {
            openWord(popupBlock, popupWord);
        }
    }

    /** Segments every block again after a correction and reopens the popup on the word now at {@code offset}. */
    private void resegment(int position, int offset) {
        Map<String, WordStatus> statuses = vocabulary.statuses();
        for (SnapshotBlock block : article.blocks()) {
            if (!block.isImage()) {
                int[] fresh = ends(study.words(block.text()));
                if (!java.util.Arrays.equals(fresh, words.get(block.position()))) {
                    words.put(block.position(), fresh);
                    render(block.position(), statuses);
                }
            }
        }
        refreshProfile();
        List<String> list = words(position);
        int at = 0;
        for (int i = 0; i < list.size(); i++) {
            if (at >= offset) {
                openWord(position, i);
                return;
            }
            at += list.get(i).length();
        }
        popup.hide();
    }

    // ---------------------------------------------------------------- keys and position

    @ClientCallable
    void key(String key) {
        switch (key) {
            case "j" -> select(next(+1), true);
            case "k" -> select(next(-1), true);
            case "p" -> setPinyin(!pinyin);
            case "t" -> revealCurrent();
            case "?" -> showKeys();
            case "Escape" -> popup.hide();
            default -> { }
        }
    }

    @ClientCallable
    void position(int index) {
        if (article != null && index >= 0) {
            study.saveReadingPosition(article.articleId(), index);
        }
    }

    private int next(int step) {
        List<Integer> positions = new ArrayList<>(rows.keySet());
        if (positions.isEmpty()) {
            return -1;
        }
        int at = positions.indexOf(current);
        if (at < 0) {
            return positions.getFirst();
        }
        return positions.get(Math.clamp(at + step, 0, positions.size() - 1));
    }

    /** Makes block {@code position} the current one (highlighted with its English), scrolling to it if asked. */
    void select(int position, boolean scroll) {
        BlockRow row = rows.get(position);
        if (row == null) {
            return;
        }
        BlockRow previous = rows.get(current);
        if (previous != null && previous != row) {
            previous.removeClassName("dz-current");
            previous.removeClassName("dz-revealed");
        }
        row.addClassName("dz-current");
        current = position;
        if (scroll) {
            row.getElement().executeJs("this.scrollIntoView({block: 'center', behavior: 'instant'})");
            position(position);
        }
    }

    private void revealCurrent() {
        if (current < 0) {
            select(next(+1), true);
        }
        BlockRow row = rows.get(current);
        if (row == null) {
            return;
        }
        row.setClassName("dz-revealed", !row.hasClassName("dz-revealed") || row.englishText().isBlank());
        if (row.englishText().isBlank()) {
            findTranslateButton(view).filter(Button::isEnabled).ifPresent(Button::click);
        }
    }

    private static Optional<Button> findTranslateButton(Component root) {
        if (root instanceof Button b && "translate".equals(b.getId().orElse(null))) {
            return Optional.of(b);
        }
        return root.getChildren().map(ReaderStudy::findTranslateButton).flatMap(Optional::stream).findFirst();
    }

    private void showKeys() {
        KeyboardHelp help = new KeyboardHelp();
        help.open();
    }

    // ---------------------------------------------------------------- explanations

    /** Explains {@code sentence} of block {@code position} (-1: the current block) through the LLM. */
    void explain(String sentence, int position) {
        if (explanation != null) {
            explanation.cancel();
        }
        int block = position >= 0 ? position : current;
        explainBlock = block;
        String text = sentence == null ? "" : sentence.strip();
        explainPanel.start(text);
        SnapshotBlock snapshotBlock = block(block);
        UI ui = UI.getCurrent();
        UiUpdates<String> partials = new UiUpdates<>(ui, batch -> batch.values().forEach(explainPanel::partial));
        String date = article.publishedAt() == null ? null
                : DateTimeFormatter.ISO_LOCAL_DATE.format(article.publishedAt().atZoneSameInstant(ZoneOffset.UTC));
        explanation = study.explain(text, snapshotBlock == null ? text : snapshotBlock.text(),
                new ArticleContext(article.title(), article.sourceName(), date), new ExplanationListener() {
                    @Override
                    public void partial(String textSoFar) {
                        partials.offer("text", textSoFar);
                    }

                    @Override
                    public void completed(String text) {
                        ui.access(() -> explainPanel.completed(text));
                    }

                    @Override
                    public void failed(String message) {
                        if (UI.getCurrent() == ui) {
                            explainPanel.failed(message);
                        } else {
                            ui.access(() -> explainPanel.failed(message));
                        }
                    }
                });
    }

    private void closeExplanation() {
        if (explanation != null) {
            explanation.cancel();
        }
        explainPanel.setVisible(false);
    }

    private void saveExplanation(String answer) {
        BlockRow row = rows.get(explainBlock);
        if (row == null) {
            Notification.show("Select a sentence in a paragraph to save its explanation as a note.");
            return;
        }
        String entry = "Explanation of 「" + explainPanel.sentence() + "」:\n" + answer;
        String note = row.noteText() == null || row.noteText().isBlank() ? entry : row.noteText() + "\n\n" + entry;
        annotations.setNote(article.articleId(), explainBlock, note);
        row.showNote(note);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (explanation != null) {
            explanation.cancel();
        }
        super.onDetach(detachEvent);
    }

    // ---------------------------------------------------------------- for tests

    WordPopup popup() {
        return popup;
    }

    ExplainPanel explainPanel() {
        return explainPanel;
    }

    ReaderPreferencesBar bar() {
        return bar;
    }

    int current() {
        return current;
    }

    boolean pinyinShown() {
        return pinyin;
    }

    Div table() {
        return table;
    }

    Map<Integer, BlockRow> rows() {
        return rows;
    }
}
