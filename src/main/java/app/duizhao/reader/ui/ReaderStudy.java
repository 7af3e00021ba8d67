package app.duizhao.reader.ui;

import app.duizhao.account.CurrentUser;
import app.duizhao.chinese.ChineseDictionary;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import app.duizhao.library.ArticleSnapshot;
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
import app.duizhao.study.ui.PopupDictionary;
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
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.spring.annotation.SpringComponent;
import org.springframework.context.annotation.Scope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The study tools of the reader (issue 5), kept apart from {@link ReaderView} and also used read-only by
 * {@link VersionView}: renders each Chinese block as word spans (one {@code innerHTML} per block), the dictionary
 * popup, pinyin, HSK and new-word colours, display modes, font size, keys, the reading position, and LLM
 * explanations.
 *
 * <p>The popup opens in the browser, from the article's dictionary that the browser fetches once in the background
 * ({@link PopupDictionary}, served by a download handler on this element): a click never waits for the server. The
 * server still hears of every click through one listener on the rows, keeps which word is open, and opens the
 * popup itself when the browser could not (see {@link WordPopup}). A long article's words are prepared in the
 * background after the rows show, so opening it does not wait for the segmenter.
 */
@SpringComponent
@Scope("prototype")
public class ReaderStudy extends Div {

    /** Event data: whether the click ended a text selection (then it is a highlight, not a lookup). */
    private static final String SELECTING = "!!(window.getSelection() && !window.getSelection().isCollapsed)";

    /** Event data: the index of the clicked word in its block (-1 if none) and the row's block index. */
    static final String WORD_INDEX = "event.target.closest && event.target.closest('.dz-w') ? +event.target.closest('.dz-w').dataset.i : -1";
    static final String ROW_INDEX = "event.target.closest && event.target.closest('.dz-row') ? +event.target.closest('.dz-row').dataset.index : -1";

    /**
     * Event data: what the browser script did with this click: {@code +seq} it opened (or closed) the popup itself,
     * {@code -seq} it could not (the server must send the popup), 0 no script.
     */
    static final String HANDLED = "window.__dzStudy ? window.__dzStudy.handled : 0";



    /** Articles up to this many characters get their words while the reader is built; longer ones in the background. */
    static final int INLINE_CHARS = 6_000;
    /** Blocks per push while words are prepared in the background. */
    private static final int BATCH_BLOCKS = 40;

    private static final String CLIENT_SCRIPT = clientScript();

    private final StudyService study;
    private final VocabularyService vocabulary;
    private final ChineseDictionary dictionary;
    private final CurrentUser currentUser;
    private final WordPopup popup = new WordPopup();
    private final ExplainPanel explainPanel;
    /** Each block's word boundaries (end offsets): a few bytes per word instead of a String per word. */
    private final Map<Integer, int[]> words = new HashMap<>();
    private final Map<Integer, String> texts = new LinkedHashMap<>();
    private VerticalLayout view;
    private ArticleSnapshot article;
    private Map<Integer, BlockRow> rows;
    private Div table;
    private ReaderPreferencesBar bar;
    private ReaderPreferences preferences;
    private boolean editable = true;
    private boolean pinyin;
    private int current = -1;
    private int explainBlock = -1;
    private Cancellation explanation;
    private AtomicBoolean preparing;

    private final app.duizhao.study.ArticleWords articleWords;

    public ReaderStudy(StudyService study, VocabularyService vocabulary,
                       ChineseDictionary dictionary, CurrentUser currentUser,
                       app.duizhao.study.ArticleWords articleWords) {
        this.articleWords = articleWords;
        this.study = study;
        this.vocabulary = vocabulary;
        this.dictionary = dictionary;
        this.currentUser = currentUser;
        this.explainPanel = new ExplainPanel(this::saveExplanation, this::closeExplanation);
        addClassName("dz-study");
        add(popup, explainPanel);
    }

    /** The block the user was reading in {@code articleId}, where the reader opens. */
    int readingPositionOf(long articleId) {
        return study.readingPosition(articleId);
    }

    /** Adds the study tools to a reader that shows {@code article} in {@code rows} inside {@code table}. */
    void install(VerticalLayout view, ArticleSnapshot article, Map<Integer, BlockRow> rows, Div table) {
        install(view, article, rows, table, true);
    }

    /**
     * Adds the study tools to a view of {@code article}; not {@code editable} (a saved version): no segmentation
     * corrections, no notes, the pinyin switch and the reading position are not saved.
     */
    void install(VerticalLayout view, ArticleSnapshot article, Map<Integer, BlockRow> rows, Div table,
                 boolean editable) {
        stopPreparing();
        this.view = view;
        this.article = article;
        this.rows = rows;
        this.table = table;
        this.editable = editable;
        words.clear();
        texts.clear();
        current = -1;
        popup.hideSilently();
        if (!editable) {
            popup.withoutCorrections();
            explainPanel.withoutSaving();
        }
        preferences = study.preferences();
        pinyin = study.pinyinShown(article.articleId());
        int chars = 0;
        for (SnapshotBlock block : article.blocks()) {
            if (!block.isImage()) {
                texts.put(block.position(), block.text());
                chars += block.text().length();
            }
        }
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
        // A click that ends a text selection is a highlight, not a lookup: leave it to the annotation layer.
        table.getElement().addEventListener("click", this::clicked)
                .addEventData(WORD_INDEX).addEventData(ROW_INDEX).addEventData(SELECTING).addEventData(HANDLED);
        int position = !editable ? 0
                : Math.min(study.readingPosition(article.articleId()), Math.max(0, article.blocks().size() - 1));
        if (position > 0) {
            select(position, false);
        }
        getElement().setAttribute("data-dictionary-url", dictionaryHandler());
        getElement().executeJs(CLIENT_SCRIPT, getElement(), table.getElement(), popup.getElement(), position, editable);
        if (chars <= INLINE_CHARS) {
            texts.forEach((block, text) -> words.put(block, ends(study.words(text))));
            renderAll();
            wordsReady();
        } else {
            prepareInBackground(position);
        }
    }

    private static String clientScript() {
        try (var in = ReaderStudy.class.getResourceAsStream("study-client.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("study-client.js is missing from the classpath", e);
        }
    }

    // ---------------------------------------------------------------- words, prepared in the background

    /**
     * Segments the blocks on a worker thread, from the reading position on, and shows each batch as it is ready;
     * the rows show their plain text meanwhile and the bar counts the blocks done.
     */
    private void prepareInBackground(int from) {
        UI ui = UI.getCurrent();
        AtomicBoolean running = new AtomicBoolean(true);
        preparing = running;
        List<Integer> order = new ArrayList<>(texts.keySet());
        int start = 0;
        while (start < order.size() && order.get(start) < from) {
            start++;
        }
        java.util.Collections.rotate(order, -start);
        Map<Integer, String> blockTexts = Map.copyOf(texts);
        int total = order.size();
        bar.showPreparing(0, total);
        Thread.ofVirtual().name("study-words-" + article.articleId()).start(currentUser.wrap(() -> {
            Map<Integer, int[]> batch = new LinkedHashMap<>();
            int done = 0;
            long pushed = System.nanoTime();
            try {
                for (int block : order) {
                    if (!running.get()) {
                        return;
                    }
                    batch.put(block, ends(study.words(blockTexts.get(block))));
                    done++;
                    if (batch.size() >= BATCH_BLOCKS || done == total || System.nanoTime() - pushed > 150_000_000L) {
                        Map<Integer, int[]> ready = Map.copyOf(batch);
                        int count = done;
                        batch.clear();
                        pushed = System.nanoTime();
                        ui.access(() -> showPrepared(running, ready, count, total));
                    }
                }
            } catch (RuntimeException e) {
                ui.access(() -> {
                    if (running.get()) {
                        bar.showPreparingFailed();
                    }
                });
            }
        }));
    }

    private void showPrepared(AtomicBoolean running, Map<Integer, int[]> ready, int done, int total) {
        if (!running.get() || running != preparing) {
            return;
        }
        Map<String, WordStatus> statuses = vocabulary.statuses();
        ready.forEach((block, ends) -> {
            if (words.putIfAbsent(block, ends) == null) { // a correction meanwhile segmented it already
                render(block, statuses);
            }
        });
        if (done < total) {
            bar.showPreparing(done, total);
        } else {
            preparing = null;
            wordsReady();
        }
    }

    private void stopPreparing() {
        if (preparing != null) {
            preparing.set(false);
            preparing = null;
        }
    }

    /** Every block has its words: the level profile, and the browser may fetch the article's dictionary. */
    private void wordsReady() {
        refreshProfile();
        getElement().executeJs("if (window.__dzStudy) window.__dzStudy.load(this.getAttribute('data-dictionary-url'))");
    }

    /** Whether every block has its words (for tests). */
    boolean allWordsReady() {
        return preparing == null && words.size() == texts.size();
    }

    // ---------------------------------------------------------------- the article's dictionary, for the browser

    /** Serves the article's dictionary as JSON (gzipped when the browser takes it), built outside the UI lock. */
    private DownloadHandler dictionaryHandler() {
        return event -> {
            List<String> distinct = new ArrayList<>();
            UI ui = event.getUI();
            try {
                if (ui != null) {
                    ui.accessSynchronously(() -> distinct.addAll(distinctWords()));
                }
            } catch (com.vaadin.flow.component.UIDetachedException e) {
                event.getResponse().setStatus(410); // the reader was closed meanwhile
                return;
            }
            byte[] json = PopupDictionary.json(study, dictionary, distinct).getBytes(StandardCharsets.UTF_8);
            event.setContentType("application/json; charset=utf-8");
            event.getResponse().setHeader("Cache-Control", "no-store");
            String accepted = event.getRequest().getHeader("Accept-Encoding");
            try {
                if (accepted != null && accepted.contains("gzip")) {
                    event.getResponse().setHeader("Content-Encoding", "gzip");
                    try (var gzip = new java.util.zip.GZIPOutputStream(event.getOutputStream(), 1 << 16)) {
                        gzip.write(json);
                    }
                } else {
                    event.setContentLength(json.length);
                    event.getOutputStream().write(json);
                }
            } catch (IOException e) {
                // The page was closed or left while its dictionary was on the way: nothing to do.
            }
        };
    }

    /** The article's dictionary JSON, as the browser gets it (for tests). */
    String dictionaryJson() {
        return PopupDictionary.json(study, dictionary, distinctWords());
    }

    /** The distinct Chinese words of the article, in order of first appearance. */
    private List<String> distinctWords() {
        java.util.LinkedHashSet<String> distinct = new java.util.LinkedHashSet<>();
        for (int block : texts.keySet()) {
            List<String> list = words(block);
            if (list != null) {
                for (String w : list) {
                    if (StudyService.isChinese(w)) {
                        distinct.add(w);
                    }
                }
            }
        }
        return new ArrayList<>(distinct);
    }

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

    /** The learning tools (Listen, "Mark the rest known") for an article, to put in the reader's toolbar. */
    public Component learningTools(long articleId) {
        return new app.duizhao.study.ui.LearningTools(articleWords, articleId, this::knowledgeChanged);
    }

    /** After the reader's word statuses changed elsewhere: marks and the level profile again. */
    void knowledgeChanged() {
        if (table == null) {
            return;
        }
        renderAll();
        refreshProfile();
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
        row.showChinese(ChineseHtml.render(list, pinyin, study, statuses));
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
        table.setClassName("dz-lookup-hover", preferences.lookupOnHover()); // the browser opens the popup on hover
        table.getStyle().set("--dz-font-size", preferences.fontSize() + "px");
    }

    static String modeClass(DisplayMode mode) {
        return "dz-mode-" + mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private void refreshProfile() {
        if (preparing != null) {
            return; // the bar counts the blocks prepared until every block has its words
        }
        List<List<String>> all = new ArrayList<>(words.size());
        words.keySet().forEach(position -> all.add(words(position)));
        bar.showProfile(study.profile(all));
    }

    void setPinyin(boolean shown) {
        if (shown == pinyin) {
            return;
        }
        pinyin = shown;
        if (editable) {
            study.showPinyin(article.articleId(), shown);
        }
        bar.setPinyin(shown);
        table.setClassName("dz-pinyin-on", shown);
        renderAll();
    }

    // ---------------------------------------------------------------- words and the popup

    /** A number of the event data, or -1 when absent (Karibu sends only what a test puts). */
    static int number(DomEvent event, String key) {
        var value = event.getEventData().get(key);
        return value == null ? -1 : value.asInt(-1);
    }

    /** A string of the event data, or empty. */
    static String text(DomEvent event, String key) {
        var value = event.getEventData().get(key);
        return value == null ? "" : value.asString("");
    }

    private static int handled(DomEvent event) {
        var value = event.getEventData().get(HANDLED);
        return value == null ? 0 : value.asInt(0);
    }

    private void clicked(DomEvent event) {
        if (event.getEventData().get(SELECTING) != null && event.getEventData().get(SELECTING).asBoolean(false)) {
            return;
        }
        int word = number(event, WORD_INDEX);
        int row = number(event, ROW_INDEX);
        int handled = handled(event);
        popup.seenSeq(Math.abs(handled));
        if (row >= 0) {
            select(row, false);
        }
        if (word >= 0 && row >= 0) {
            openWord(row, word, handled <= 0);
        } else if (handled > 0) {
            popup.hideSilently(); // the browser closed it
        } else {
            popup.hide();
        }
    }

    /**
     * The pointer rests on word {@code word} of block {@code row} (lookup on hover); {@code handled} as
     * {@link #HANDLED}: the browser opened the popup itself (+seq) or could not (-seq).
     */
    @ClientCallable
    void hovered(int row, int word, int handled) {
        if (!preferences.lookupOnHover()) {
            return;
        }
        popup.seenSeq(Math.abs(handled));
        if (word >= 0 && row >= 0 && (row != popup.block() || word != popup.index())) {
            openWord(row, word, handled <= 0);
        }
    }

    /** Shows the popup for word {@code index} of block {@code position} (sent to the browser). */
    void openWord(int position, int index) {
        openWord(position, index, true);
    }

    /**
     * Makes the popup that of word {@code index} of block {@code position}; {@code push}: the browser did not open
     * it itself, so the server sends it.
     */
    private void openWord(int position, int index, boolean push) {
        List<String> list = words(position);
        if (list == null || index < 0 || index >= list.size() || !StudyService.isChinese(list.get(index))) {
            if (push) {
                popup.hide();
            } else {
                popup.hideSilently();
            }
            return;
        }
        WordLookup lookup = study.lookup(list.get(index));
        boolean previous = index > 0 && StudyService.isChinese(list.get(index - 1));
        boolean next = index + 1 < list.size() && StudyService.isChinese(list.get(index + 1));
        popup.show(lookup, previous, next, actions, position, index, popup.seq(), push);
    }

    private int offsetOf(int position, int index) {
        return index <= 0 ? 0 : words.get(position)[index - 1];
    }

    private SnapshotBlock block(int position) {
        return article.blocks().stream().filter(b -> b.position() == position).findFirst().orElse(null);
    }

    private String sentenceOfPopupWord() {
        SnapshotBlock block = block(popup.block());
        return block == null ? "" : StudyService.sentenceAt(block.text(), offsetOf(popup.block(), popup.index()));
    }

    private final WordPopup.Actions actions = new WordPopup.Actions() {
        @Override
        public void addToVocabulary(WordLookup lookup, String definition) {
            SnapshotBlock block = block(popup.block());
            String sentence = sentenceOfPopupWord();
            BlockRow row = rows.get(popup.block());
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
            int block = popup.block();
            int index = popup.index();
            study.splitWord(words(block).get(index), at);
            resegment(block, offsetOf(block, index));
        }

        @Override
        public void mergeWithPrevious() {
            int block = popup.block();
            int index = popup.index();
            List<String> list = words(block);
            study.mergeWords(List.of(list.get(index - 1), list.get(index)));
            resegment(block, offsetOf(block, index - 1));
        }

        @Override
        public void mergeWithNext() {
            int block = popup.block();
            int index = popup.index();
            List<String> list = words(block);
            study.mergeWords(List.of(list.get(index), list.get(index + 1)));
            resegment(block, offsetOf(block, index));
        }

        @Override
        public void explainSentence() {
            explain(sentenceOfPopupWord(), popup.block());
        }

        @Override
        public void close() {
            popup.hide();
        }

        @Override
        public void reopen(int block, int index) {
            openWord(block, index, false);
        }
    };

    private void afterVocabularyChange(WordLookup lookup) {
        int block = popup.block();
        int index = popup.index();
        if (lookup != null) {
            renderBlocksWith(lookup.word(), lookup.simplified(), lookup.traditional());
            // The browser's copy of the article's dictionary learns the new status of the word's forms.
            List<String> forms = new ArrayList<>(new java.util.LinkedHashSet<>(List.of(lookup.word(),
                    lookup.simplified(), lookup.traditional())));
            getElement().executeJs("if (window.__dzStudy) window.__dzStudy.statuses(JSON.parse($0))",
                    PopupDictionary.statuses(study, forms));
        }
        refreshProfile();
        if (block >= 0 && index >= 0) {
            openWord(block, index, true);
        }
    }

    /** Segments every block again after a correction and reopens the popup on the word now at {@code offset}. */
    private void resegment(int position, int offset) {
        Map<String, WordStatus> statuses = vocabulary.statuses();
        java.util.Set<String> changed = new java.util.LinkedHashSet<>();
        for (Map.Entry<Integer, String> block : texts.entrySet()) {
            int[] fresh = ends(study.words(block.getValue()));
            if (!java.util.Arrays.equals(fresh, words.get(block.getKey()))) {
                words.put(block.getKey(), fresh);
                render(block.getKey(), statuses);
                changed.addAll(words(block.getKey()));
            }
        }
        if (!changed.isEmpty()) {
            // The words a correction made, for the browser's copy of the dictionary.
            getElement().executeJs("if (window.__dzStudy) window.__dzStudy.addWords(JSON.parse($0))",
                    PopupDictionary.json(study, dictionary, changed));
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
            case "Escape" -> popup.hide(); // the browser closed it already; a late push is dropped there
            default -> { }
        }
    }

    @ClientCallable
    void position(int index) {
        if (article != null && index >= 0 && editable) {
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
        // Appended to the note as stored now, not to the copy this tab shows: another tab's note is never lost.
        row.appendToNote(entry);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        stopPreparing();
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
