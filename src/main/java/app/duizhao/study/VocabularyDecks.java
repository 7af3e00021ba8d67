package app.duizhao.study;

import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.LibraryService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Anki and back (issue 16): the current user's vocabulary as Anki decks (TSV or {@code .apkg}: all of it, the words
 * due for review, or one article's), each note with its sentence, the sentence's English and the article's title;
 * and known-word lists read back (one word a line, or Anki, Pleco and LingQ exports) to mark words known.
 */
@Service
public class VocabularyDecks {

    /** Which words a deck holds. */
    public enum Scope { ALL, DUE, ARTICLE }

    private static final Pattern HAN_FIELD = Pattern.compile("[\\p{IsHan}][\\p{IsHan}·]*");

    private final VocabularyService vocabulary;
    private final LibraryService library;
    private final ArticleWords articleWords;
    private final ObjectProvider<DueWords> due;

    public VocabularyDecks(VocabularyService vocabulary, LibraryService library, ArticleWords articleWords,
                           ObjectProvider<DueWords> due) {
        this.vocabulary = vocabulary;
        this.library = library;
        this.articleWords = articleWords;
        this.due = due;
    }

    /** The title of one of the current user's articles ("article 7" when it is gone). */
    public String title(long articleId) {
        return library.snapshot(articleId).map(ArticleSnapshot::title).orElse("article " + articleId);
    }

    /** The notes of a deck; {@code articleId} only for {@link Scope#ARTICLE}. */
    public List<AnkiDeck.Note> notes(Scope scope, Long articleId) {
        List<VocabularyEntry> entries = vocabulary.list(null, null);
        Set<Long> dueIds = scope == Scope.DUE ? Optional.ofNullable(due.getIfAvailable()).map(DueWords::dueVocabularyIds)
                .orElse(Set.of()) : Set.of();
        Map<Long, String> titles = new HashMap<>();
        List<AnkiDeck.Note> notes = new ArrayList<>();
        for (VocabularyEntry e : entries) {
            if (scope == Scope.DUE && !dueIds.contains(e.id())
                    || scope == Scope.ARTICLE && (articleId == null || !articleId.equals(e.articleId()))) {
                continue;
            }
            String title = e.articleId() == null ? "" : titles.computeIfAbsent(e.articleId(),
                    id -> library.snapshot(id).map(ArticleSnapshot::title).orElse(""));
            notes.add(new AnkiDeck.Note(e.simplified(), e.pinyin(), e.definition(), e.sentence(), e.sentenceEnglish(),
                    title));
        }
        return notes;
    }

    /**
     * Marks the words of a known-words list known: one word a line, or the first Chinese field of each line of an
     * Anki TSV, a Pleco export ({@code 中国[中國]<TAB>zhong1guo2<TAB>…}) or a LingQ CSV. Header and comment lines are
     * skipped. Returns how many words it found and how many it marked (words being learned stay learning).
     */
    public int[] importKnown(String list) {
        Set<String> words = wordsOfList(list);
        int marked = articleWords.markKnown(words, "import");
        return new int[]{words.size(), marked};
    }

    /** The words of a known-words list (see {@link #importKnown}), in order, each once. */
    static Set<String> wordsOfList(String list) {
        Set<String> words = new LinkedHashSet<>();
        for (String line : list.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith("//")) {
                continue;
            }
            for (String field : l.split("[\\t,;]")) {
                String f = field.strip().replaceAll("^\"|\"$", "");
                int bracket = f.indexOf('[');
                if (bracket > 0) {
                    f = f.substring(0, bracket); // Pleco: simplified[traditional]
                }
                Matcher m = HAN_FIELD.matcher(f);
                if (m.find() && m.group().length() == f.strip().length()) {
                    words.add(m.group());
                    break;
                }
                if (m.find(0)) {
                    break; // the first Chinese field is not a plain word: not a word line
                }
            }
        }
        return words;
    }
}
