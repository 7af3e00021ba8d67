package app.duizhao.reader.ui;

import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import app.duizhao.chinese.ChineseDictionary;
import app.duizhao.study.NewVocabularyWord;
import app.duizhao.study.StudyService;
import app.duizhao.study.VocabularyEntry;
import app.duizhao.study.VocabularyService;
import app.duizhao.study.WordLookup;
import app.duizhao.study.WordStatus;
import app.duizhao.study.ui.PopupDictionary;
import app.duizhao.study.ui.WordPopup;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.dom.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dictionary popup of the study tools: opens it on a word, and does what its buttons ask (add to the
 * vocabulary, set a status, split or merge a word, explain the sentence).
 */
final class StudyPopup {

    /** What the popup needs from the study tools it belongs to. */
    interface Host {
        void explain(String sentence, int block);

        void refreshProfile();

        /** The element whose browser script ({@code window.__dzStudy}) keeps the article's dictionary. */
        Element element();
    }

    private final StudyService study;
    private final VocabularyService vocabulary;
    private final ChineseDictionary dictionary;
    private final StudyWords words;
    private final WordPopup popup;
    private final Host host;
    private ArticleSnapshot article;
    private Map<Integer, BlockRow> rows = Map.of();

    StudyPopup(StudyService study, VocabularyService vocabulary, ChineseDictionary dictionary, StudyWords words,
               WordPopup popup, Host host) {
        this.study = study;
        this.vocabulary = vocabulary;
        this.dictionary = dictionary;
        this.words = words;
        this.popup = popup;
        this.host = host;
    }

    void reset(ArticleSnapshot article, Map<Integer, BlockRow> rows) {
        this.article = article;
        this.rows = rows;
    }

    /** Shows the popup for word {@code index} of block {@code position} (sent to the browser). */
    void openWord(int position, int index) {
        openWord(position, index, true);
    }

    /**
     * Makes the popup that of word {@code index} of block {@code position}; {@code push}: the browser did not open
     * it itself, so the server sends it.
     */
    void openWord(int position, int index, boolean push) {
        List<String> list = words.words(position);
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

    private SnapshotBlock block(int position) {
        return article.blocks().stream().filter(b -> b.position() == position).findFirst().orElse(null);
    }

    private String sentenceOfPopupWord() {
        SnapshotBlock block = block(popup.block());
        return block == null ? "" : StudyService.sentenceAt(block.text(), words.offsetOf(popup.block(), popup.index()));
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
            study.splitWord(words.words(block).get(index), at);
            resegment(block, words.offsetOf(block, index));
        }

        @Override
        public void mergeWithPrevious() {
            int block = popup.block();
            int index = popup.index();
            List<String> list = words.words(block);
            study.mergeWords(List.of(list.get(index - 1), list.get(index)));
            resegment(block, words.offsetOf(block, index - 1));
        }

        @Override
        public void mergeWithNext() {
            int block = popup.block();
            int index = popup.index();
            List<String> list = words.words(block);
            study.mergeWords(List.of(list.get(index), list.get(index + 1)));
            resegment(block, words.offsetOf(block, index));
        }

        @Override
        public void explainSentence() {
            host.explain(sentenceOfPopupWord(), popup.block());
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
            words.renderBlocksWith(lookup.word(), lookup.simplified(), lookup.traditional());
            // The browser's copy of the article's dictionary learns the new status of the word's forms.
            List<String> forms = new ArrayList<>(new java.util.LinkedHashSet<>(List.of(lookup.word(),
                    lookup.simplified(), lookup.traditional())));
            host.element().executeJs("if (window.__dzStudy) window.__dzStudy.statuses(JSON.parse($0))",
                    PopupDictionary.statuses(study, forms));
        }
        host.refreshProfile();
        if (block >= 0 && index >= 0) {
            openWord(block, index, true);
        }
    }

    /** Segments every block again after a correction and reopens the popup on the word now at {@code offset}. */
    private void resegment(int position, int offset) {
        java.util.Set<String> changed = words.resegment();
        if (!changed.isEmpty()) {
            // The words a correction made, for the browser's copy of the dictionary.
            host.element().executeJs("if (window.__dzStudy) window.__dzStudy.addWords(JSON.parse($0))",
                    PopupDictionary.json(study, dictionary, changed));
        }
        host.refreshProfile();
        List<String> list = words.words(position);
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
}
