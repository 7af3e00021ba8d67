package app.duizhao.reader.ui;

import app.duizhao.account.CurrentUser;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import app.duizhao.chinese.ChineseDictionary;
import app.duizhao.study.ReaderPreferences;
import app.duizhao.study.StudyService;
import app.duizhao.study.VocabularyService;
import app.duizhao.study.ui.ExplainPanel;
import app.duizhao.study.ui.KeyboardHelp;
import app.duizhao.study.ui.PopupDictionary;
import app.duizhao.study.ui.ReaderPreferencesBar;
import app.duizhao.study.ui.WordPopup;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.annotation.SpringComponent;
import org.springframework.context.annotation.Scope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The study tools of the reader (issue 5), kept apart from {@link ReaderView} and also used read-only by
 * {@link VersionView}: each Chinese block as word spans ({@link StudyWords}), the dictionary popup
 * ({@link StudyPopup}), pinyin, HSK and new-word colours, display modes, font size, keys, the reading position,
 * and LLM explanations ({@link StudyExplainer}).
 *
 * <p>The host places {@link #preferencesBar()} and {@link #explainPanel()} where it likes (the reader: in its side
 * panel) and hears from the tools through component events: {@link TranslationWanted} (the {@code t} key on a
 * block without English) and {@link ExplanationShown}.
 *
 * <p>The popup opens in the browser, from the article's dictionary that the browser fetches once in the background
 * ({@link PopupDictionary}, served by a download handler on this element): a click never waits for the server. The
 * server still hears of every click through one listener on the rows, keeps which word is open, and opens the
 * popup itself when the browser could not (see {@link WordPopup}).
 */
@SpringComponent
@Scope("prototype")
public class ReaderStudy extends Div {

    /** Event data: whether the click ended a text selection (then it is a highlight, not a lookup). */
    private static final String SELECTING = "!!(window.getSelection() && !window.getSelection().isCollapsed)";

    /** Event data: the index of the clicked word in its block (-1 if none) and the row's block index. */
    static final String WORD_INDEX = "event.target.closest && event.target.closest('.dz-w') && !event.target.closest('mark.dz-hl') ? +event.target.closest('.dz-w').dataset.i : -1";
    static final String ROW_INDEX = "event.target.closest && event.target.closest('.dz-row') ? +event.target.closest('.dz-row').dataset.index : -1";

    /**
     * Event data: what the browser script did with this click: {@code +seq} it opened (or closed) the popup itself,
     * {@code -seq} it could not (the server must send the popup), 0 no script.
     */
    static final String HANDLED = "window.__dzStudy ? window.__dzStudy.handled : 0";

    /** Articles up to this many characters get their words while the reader is built; longer ones in the background. */
    static final int INLINE_CHARS = StudyWords.INLINE_CHARS;

    private static final String CLIENT_SCRIPT = clientScript();

    private final StudyService study;
    private final ChineseDictionary dictionary;
    private final WordPopup popup = new WordPopup();
    private final StudyWords words;
    private final StudyPopup popups;
    private final StudyExplainer explainer;
    private ArticleSnapshot article;
    private Map<Integer, BlockRow> rows;
    private Div table;
    private ReaderPreferencesBar bar;
    private ReaderPreferences preferences;
    private boolean editable = true;
    private boolean pinyin;
    private int current = -1;

    public ReaderStudy(StudyService study, VocabularyService vocabulary,
                       ChineseDictionary dictionary, CurrentUser currentUser) {
        this.study = study;
        this.dictionary = dictionary;
        this.words = new StudyWords(study, vocabulary, currentUser);
        this.explainer = new StudyExplainer(study);
        this.popups = new StudyPopup(study, vocabulary, dictionary, words, popup, new StudyPopup.Host() {
            @Override
            public void explain(String sentence, int block) {
                ReaderStudy.this.explain(sentence, block);
            }

            @Override
            public void refreshProfile() {
                ReaderStudy.this.refreshProfile();
            }

            @Override
            public Element element() {
                return getElement();
            }
        });
        addClassName("dz-study");
        add(popup, explainer.panel());
    }

    Registration addTranslationWantedListener(ComponentEventListener<TranslationWanted> listener) {
        return addListener(TranslationWanted.class, listener);
    }

    Registration addExplanationShownListener(ComponentEventListener<ExplanationShown> listener) {
        return addListener(ExplanationShown.class, listener);
    }

    /** The block the user was reading in {@code articleId}, where the reader opens. */
    int readingPositionOf(long articleId) {
        return study.readingPosition(articleId);
    }

    /** Whether Explain can answer (an LLM is configured). */
    boolean canExplain() {
        return study.canExplain();
    }

    /** The display and study settings, for the host to place. */
    ReaderPreferencesBar preferencesBar() {
        return bar;
    }

    /** The explanations' panel, for the host to place. */
    ExplainPanel explainPanel() {
        return explainer.panel();
    }

    /** Adds the study tools to a reader that shows {@code article} in {@code rows} inside {@code table}. */
    void install(ArticleSnapshot article, Map<Integer, BlockRow> rows, Div table) {
        install(article, rows, table, true);
    }

    /**
     * Adds the study tools to a view of {@code article}; not {@code editable} (a saved version): no segmentation
     * corrections, no notes, the pinyin switch and the reading position are not saved.
     */
    void install(ArticleSnapshot article, Map<Integer, BlockRow> rows, Div table, boolean editable) {
        this.article = article;
        this.rows = rows;
        this.table = table;
        this.editable = editable;
        current = -1;
        popup.hideSilently();
        if (!editable) {
            popup.withoutCorrections();
        }
        explainer.reset(article, rows, editable);
        popups.reset(article, rows);
        preferences = study.preferences();
        pinyin = study.pinyinShown(article.articleId());
        Map<Integer, String> texts = new LinkedHashMap<>();
        for (SnapshotBlock block : article.blocks()) {
            if (!block.isImage()) {
                texts.put(block.position(), block.text());
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
                StudyExplainer.withSelection(getElement(), ReaderStudy.this::explain);
            }

            @Override
            public void showKeys() {
                ReaderStudy.this.showKeys();
            }
        });
        int chars = words.reset(texts, rows, bar, pinyin);
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
        getElement().setAttribute("data-dictionary-url",
                DictionaryDownload.of(study, dictionary, words::distinct));
        getElement().executeJs(CLIENT_SCRIPT, getElement(), table.getElement(), popup.getElement(), position, editable);
        if (chars <= INLINE_CHARS) {
            words.prepareNow();
            wordsReady();
        } else {
            words.prepareInBackground(position, article.articleId(), this::wordsReady);
        }
    }

    private static String clientScript() {
        try (var in = ReaderStudy.class.getResourceAsStream("study-client.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("study-client.js is missing from the classpath", e);
        }
    }

    /** Every block has its words: the level profile, and the browser may fetch the article's dictionary. */
    private void wordsReady() {
        refreshProfile();
        getElement().executeJs("if (window.__dzStudy) window.__dzStudy.load(this.getAttribute('data-dictionary-url'))");
    }

    /** Whether every block has its words (for tests). */
    boolean allWordsReady() {
        return words.allReady();
    }

    /** The article's dictionary JSON, as the browser gets it (for tests). */
    String dictionaryJson() {
        return PopupDictionary.json(study, dictionary, words.distinct());
    }

    /** The words of a block; {@code null} for an image or unknown block. */
    List<String> words(int position) {
        return words.words(position);
    }

    private void applyPreferences() {
        RowCursor.applyPreferences(table, preferences, pinyin);
    }

    /** After the reader's word statuses changed elsewhere (Listen's tools, "mark the rest known"): marks and profile. */
    void knowledgeChanged() {
        if (table != null) {
            words.renderAll();
            refreshProfile();
        }
    }

    private void refreshProfile() {
        if (words.preparing()) {
            return; // the bar counts the blocks prepared until every block has its words
        }
        bar.showProfile(study.profile(words.all()));
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
        words.setPinyin(shown);
    }

    // ---------------------------------------------------------------- clicks and the popup

    private void clicked(DomEvent event) {
        if (event.getEventData().get(SELECTING) != null && event.getEventData().get(SELECTING).asBoolean(false)) {
            return;
        }
        int word = EventData.number(event, WORD_INDEX);
        int row = EventData.number(event, ROW_INDEX);
        int handled = EventData.number(event, HANDLED, 0);
        popup.seenSeq(Math.abs(handled));
        if (row >= 0) {
            select(row, false);
        }
        if (word >= 0 && row >= 0) {
            popups.openWord(row, word, handled <= 0);
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
            popups.openWord(row, word, handled <= 0);
        }
    }

    /** Shows the popup for word {@code index} of block {@code position} (sent to the browser). */
    void openWord(int position, int index) {
        popups.openWord(position, index, true);
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
        return RowCursor.next(rows, current, step);
    }

    /** Makes block {@code position} the current one (highlighted with its English), scrolling to it if asked. */
    void select(int position, boolean scroll) {
        if (RowCursor.select(rows, current, position, scroll)) {
            current = position;
            if (scroll) {
                position(position);
            }
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
            fireEvent(new TranslationWanted(this)); // the reader's translation controls start it
        }
    }

    private void showKeys() {
        new KeyboardHelp().open();
    }

    /** Explains {@code sentence} of block {@code position} (-1: the current block) through the LLM. */
    void explain(String sentence, int position) {
        explainer.explain(sentence, position >= 0 ? position : current);
        fireEvent(new ExplanationShown(this));
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        words.stopPreparing();
        explainer.cancel();
        super.onDetach(detachEvent);
    }

    // ---------------------------------------------------------------- for tests

    WordPopup popup() {
        return popup;
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
