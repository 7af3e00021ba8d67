package app.duizhao.study;

import app.duizhao.account.CurrentUser;
import app.duizhao.chinese.ChineseDictionary;
import app.duizhao.chinese.ChineseGlosser;
import app.duizhao.chinese.ChineseSegmenter;
import app.duizhao.chinese.DictionaryEntry;
import app.duizhao.chinese.HskLevels;
import app.duizhao.chinese.Pinyin;
import app.duizhao.chinese.Syllable;
import app.duizhao.chinese.WordGloss;
import app.duizhao.translation.ArticleContext;
import app.duizhao.translation.Cancellation;
import app.duizhao.translation.OutputKind;
import app.duizhao.translation.SummarySink;
import app.duizhao.translation.TranslationEngine;
import app.duizhao.translation.TranslationEngines;
import com.hankcs.hanlp.HanLP;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The reader's study tools: words of a text (the segmenter corrected by the user's remembered rules), instant
 * dictionary lookups, word-level pinyin, HSK levels, level profiles, reading preferences and position, and LLM
 * explanations of a sentence. Lookups read in-memory dictionaries only (no database, no LLM): microseconds.
 * Rules, preferences and reading state are the current user's ({@link CurrentUser}); nobody sees another's.
 */
@Service
public class StudyService {

    /** The level of a Chinese word that is not on the HSK 2012 list. */
    public static final int BEYOND_HSK = 0;

    private static final Logger log = LoggerFactory.getLogger(StudyService.class);

    private final ChineseSegmenter segmenter;
    private final ChineseDictionary dictionary;
    private final ChineseGlosser glosser;
    private final HskLevels hsk;
    private final SegmentationRules rules;
    private final VocabularyService vocabulary;
    private final TranslationEngines engines;
    private final ReaderState state;
    private final WordLevels wordLevels;
    private final LevelProfiler profiler;

    public StudyService(ChineseSegmenter segmenter, ChineseDictionary dictionary, ChineseGlosser glosser, HskLevels hsk,
                        SegmentationRules rules, VocabularyService vocabulary, TranslationEngines engines,
                        ReaderState state, WordLevels wordLevels, LevelProfiler profiler) {
        this.state = state;
        this.wordLevels = wordLevels;
        this.profiler = profiler;
        this.segmenter = segmenter;
        this.dictionary = dictionary;
        this.glosser = glosser;
        this.hsk = hsk;
        this.rules = rules;
        this.vocabulary = vocabulary;
        this.engines = engines;
    }

    // ---------------------------------------------------------------- words

    /** The words of {@code text} as the reader shows them; joined they give back {@code text} exactly. */
    public List<String> words(String text) {
        return rules.apply(segmenter.segment(text));
    }

    /** Remembers that {@code word} is two words, cut after {@code at} characters. */
    public void splitWord(String word, int at) {
        if (word == null || at <= 0 || at >= word.length()) {
            throw new IllegalArgumentException("Cannot split \"" + word + "\" at " + at + ".");
        }
        rules.split(word, SegmentationRules.splitAt(word, at));
    }

    /** Remembers that {@code parts}, when they follow each other, are one word. */
    public void mergeWords(List<String> parts) {
        if (parts == null || parts.size() < 2) {
            throw new IllegalArgumentException("Merging needs two words or more.");
        }
        rules.merge(List.copyOf(parts));
    }

    /** Whether a token is a Chinese word (contains a Han character). */
    public static boolean isChinese(String token) {
        return ChineseGlosser.hasHan(token);
    }

    /**
     * The HSK level of a word (simplified or traditional): 1-6, or {@link #BEYOND_HSK}; a word the list lacks takes
     * the level of its parts or, for a character, of the listed word it is taught with ({@link #wordLevel}).
     */
    public int hskLevel(String word) {
        return wordLevel(word).level();
    }

    /** The HSK level of a word and the rule that gave it (see {@link WordLevels}). */
    public WordLevel wordLevel(String word) {
        OptionalInt listed = hsk.level(word);
        if (listed.isPresent()) {
            return new WordLevel(listed.getAsInt(), WordLevel.Rule.LISTED, word);
        }
        return wordLevels.of(simplifiedOf(word));
    }

    /**
     * The pinyin of a word, syllable by syllable: the reading of the word's own dictionary entry (so 银行 reads
     * yín háng and 行走 xíng zǒu), sub-words' readings for a word CC-CEDICT lacks, and HanLP's per-character
     * reading for the rest.
     */
    public List<Syllable> pinyin(String word) {
        if (!isChinese(word)) {
            return List.of();
        }
        List<WordGloss> pieces = new ArrayList<>(2);
        glosser.glossToken(word, pieces);
        List<Syllable> out = new ArrayList<>(word.length());
        for (WordGloss piece : pieces) {
            if (piece.pinyin() != null && !piece.pinyin().isBlank()) {
                out.addAll(Syllable.of(piece.pinyin()));
            } else if (piece.chinese()) {
                for (com.hankcs.hanlp.dictionary.py.Pinyin p : HanLP.convertToPinyinList(piece.text())) {
                    String numbered = p.name();
                    out.add(numbered.startsWith("none") ? new Syllable("", 5)
                            : Syllable.of(Pinyin.toToneMarks(numbered.replace("v", "u:"))).getFirst());
                }
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern NUMBERED_PINYIN = java.util.regex.Pattern.compile(
            "\\[([A-Za-z:]+[1-5](?: [A-Za-z:]+[1-5]?)*)\\]");

    /** A definition with the numbered pinyin of its cross references in tone marks: {@code 大姐[dà jiě]}. */
    public static String readable(String definition) {
        if (definition == null || definition.indexOf('[') < 0) {
            return definition;
        }
        java.util.regex.Matcher m = NUMBERED_PINYIN.matcher(definition);
        StringBuilder out = new StringBuilder(definition.length());
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement("[" + Pinyin.toToneMarks(m.group(1)) + "]"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Everything the popup shows for a word; no database access except the vocabulary lookup. */
    public WordLookup lookup(String word) {
        List<DictionaryEntry> entries = dictionary.lookup(word);
        WordGloss gloss = isChinese(word) && !entries.isEmpty() ? glosser.glossWord(word) : null;
        String pinyin = gloss != null && gloss.pinyin() != null ? gloss.pinyin() : joinSyllables(pinyin(word));
        List<DictionaryEntry> ordered = new ArrayList<>(entries);
        if (gloss != null && gloss.pinyin() != null) {
            // The entry whose reading fits the word first, like the gloss.
            ordered.sort(java.util.Comparator.comparing(e -> !e.pinyin().equals(gloss.pinyin())));
        }
        List<WordLookup.CharacterEntries> characters = new ArrayList<>();
        if (word.codePointCount(0, word.length()) > 1) {
            word.codePoints().forEach(cp -> {
                String ch = Character.toString(cp);
                if (isChinese(ch)) {
                    characters.add(new WordLookup.CharacterEntries(ch, dictionary.lookup(ch)));
                }
            });
        }
        String simplified = ordered.isEmpty() ? word : ordered.getFirst().simplified();
        String traditional = ordered.isEmpty() ? word : ordered.getFirst().traditional();
        String definition = gloss != null ? readable(firstDefinition(ordered)) : null;
        Map<String, WordStatus> statuses = vocabulary.statuses();
        Optional<VocabularyEntry> entry = statuses.containsKey(word) || statuses.containsKey(simplified)
                ? vocabulary.find(statuses.containsKey(simplified) ? simplified : word) : Optional.empty();
        return new WordLookup(word, simplified, traditional, pinyin, definition, List.copyOf(ordered),
                List.copyOf(characters), hskLevel(word), entry);
    }

    private static String firstDefinition(List<DictionaryEntry> entries) {
        for (DictionaryEntry e : entries) {
            String d = ChineseGlosser.goodDefinition(e);
            if (d != null && !e.definitions().isEmpty()) {
                // the whole definition the short one came from
                for (String full : e.definitions()) {
                    if (!full.isBlank()) {
                        return full;
                    }
                }
            }
        }
        return entries.isEmpty() || entries.getFirst().definitions().isEmpty() ? null
                : entries.getFirst().definitions().getFirst();
    }

    private static String joinSyllables(List<Syllable> syllables) {
        StringBuilder sb = new StringBuilder();
        for (Syllable s : syllables) {
            if (!s.text().isEmpty()) {
                if (!sb.isEmpty()) {
                    sb.append(' ');
                }
                sb.append(s.text());
            }
        }
        return sb.toString();
    }

    private String simplifiedOf(String word) {
        List<DictionaryEntry> entries = dictionary.lookup(word);
        if (!entries.isEmpty()) {
            return entries.getFirst().simplified();
        }
        try {
            String s = HanLP.convertToSimplifiedChinese(word);
            return s == null ? word : s;
        } catch (RuntimeException e) {
            return word;
        }
    }

    /**
     * The current user's level profile of an article's words: distinct words per HSK level (by the rules of
     * {@link WordLevels}), proper names and numbers apart, and how many of them the user does not know.
     */
    public LevelProfile profile(List<List<String>> blocksOfWords) {
        return profiler.profile(blocksOfWords, this::simplifiedOf);
    }

    // ---------------------------------------------------------------- sentences

    /** The sentence of {@code text} around the character at {@code offset}, trimmed, with its end mark. */
    public static String sentenceAt(String text, int offset) {
        return Sentences.sentenceAt(text, offset);
    }

    /**
     * The English of one sentence of a paragraph: when the paragraph's Chinese and English have as many sentences,
     * the one at the same place; otherwise the whole English paragraph (a translation need not keep sentences).
     */
    public static String englishOfSentence(String chineseParagraph, String sentence, String englishParagraph) {
        return Sentences.englishOfSentence(chineseParagraph, sentence, englishParagraph);
    }

    // ---------------------------------------------------------------- preferences and reading state

    /** The current user's reader preferences (defaults until they change them). */
    public ReaderPreferences preferences() {
        return state.preferences();
    }

    /** Keeps the current user's reader preferences. */
    public ReaderPreferences savePreferences(ReaderPreferences p) {
        return state.savePreferences(p);
    }

    /** Whether the current user shows pinyin for an article (false for an article that is not theirs). */
    public boolean pinyinShown(long articleId) {
        return state.pinyinShown(articleId);
    }

    /** The block the current user was reading, 0 at first (and for an article that is not theirs). */
    public int readingPosition(long articleId) {
        return state.readingPosition(articleId);
    }

    /** Remembers whether the current user shows pinyin for an article of theirs (ignored for anyone else's). */
    public void showPinyin(long articleId, boolean shown) {
        state.showPinyin(articleId, shown);
    }

    /** Remembers the block the current user is reading in an article of theirs (ignored for anyone else's). */
    public void saveReadingPosition(long articleId, int position) {
        state.saveReadingPosition(articleId, position);
    }

    // ---------------------------------------------------------------- explanations

    /** Whether an LLM is configured, so that sentences can be explained. */
    public boolean canExplain() {
        return engines.current().info().kind() != OutputKind.OFFLINE;
    }

    /**
     * Explains a sentence (grammar, words, idioms) through the configured LLM, in the background; the text streams to
     * {@code listener}. Returns the cancellation that stops it.
     */
    public Cancellation explain(String sentence, String paragraph, ArticleContext context, ExplanationListener listener) {
        Cancellation cancellation = new Cancellation();
        if (sentence == null || sentence.isBlank()) {
            listener.failed("Select a Chinese sentence to explain.");
            return cancellation;
        }
        if (!canExplain()) {
            listener.failed("Explanations need an LLM: set duizhao.llm.provider to openai or ollama.");
            return cancellation;
        }
        TranslationEngine engine = engines.current();
        String text = sentence.strip();
        String around = paragraph == null || paragraph.isBlank() ? text : paragraph.strip();
        Thread.ofVirtual().name("explain").start(() -> {
            try {
                engine.explain(text, around, context, new SummarySink() {
                    @Override
                    public void partial(String textSoFar) {
                        listener.partial(textSoFar);
                    }

                    @Override
                    public void completed(String answer) {
                        listener.completed(answer);
                    }
                }, cancellation);
            } catch (RuntimeException e) {
                log.info("Explanation failed: {}", e.getMessage());
                listener.failed(e.getMessage() == null ? "The explanation failed." : e.getMessage());
            }
        });
        return cancellation;
    }
}
