package app.duizhao.chinese;

import com.hankcs.hanlp.HanLP;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Glosses Chinese text word by word from CC-CEDICT: pinyin with tone marks and a short first definition.
 *
 * <p>Words from {@link ChineseSegmenter} that are not dictionary headwords are split into the longest dictionary
 * sub-words, then single characters. When a word has several readings (行 xíng / háng), HanLP's pinyin for the
 * word picks the entry.
 */
@Component
public class ChineseGlosser {

    /** A short definition is cut to about this many characters. */
    public static final int MAX_DEFINITION_LENGTH = 40;

    private static final Pattern WEAK_DEFINITION = Pattern.compile(
            "^(\\(.*?\\) )?((old|archaic|ancient|erroneous|Japanese|Korean|Taiwan|\\(Tw\\)) )?(variant of|see |see also|surname |CL:|used in |also written|also pr\\.|Taiwan pr\\.|pr\\. |abbr\\. for \\S+\\[)",
            Pattern.CASE_INSENSITIVE);
    /** Cross references such as 駐|驻[zhu4] or 拜拜[bai2 bai2]: keep the simplified form only. */
    private static final Pattern CROSS_REFERENCE = Pattern.compile("(?:[^\\s|\\[\\]/,;()]+\\|)?([^\\s|\\[\\]/,;()]+)\\[[^\\]]*\\]");
    /** Leading notes in brackets such as "(bound form) " or "(third-person singular) ", dropped if text follows. */
    private static final Pattern LEADING_NOTES = Pattern.compile("^(\\([^()]*\\) ?)+(?=[^\\s(])");

    /** Glosses of dictionary words already seen; cleared when it grows past {@link #CACHE_LIMIT}. */
    private static final int CACHE_LIMIT = 50_000;

    private final ChineseDictionary dictionary;
    private final Map<String, WordGloss> cache = new ConcurrentHashMap<>();

    public ChineseGlosser(ChineseDictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** Glosses tokens from {@link ChineseSegmenter#segment(String)}; one or more glosses per token, in order. */
    public List<WordGloss> gloss(List<String> tokens) {
        List<WordGloss> out = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            glossToken(token, out);
        }
        return out;
    }

    /**
     * Glosses tokens from {@link ChineseSegmenter#tokenize(String)}: like {@link #gloss(List)}, but a person's name
     * that is not in the dictionary is glossed as a whole, {@code 秦刚 (Qín Gāng) (name)}, with HanLP's pinyin.
     */
    public List<WordGloss> glossTokens(List<ChineseSegmenter.Token> tokens) {
        List<WordGloss> out = new ArrayList<>(tokens.size());
        for (ChineseSegmenter.Token token : tokens) {
            String text = token.text();
            if (looksLikeName(token)) {
                out.add(new WordGloss(text, namePinyin(text), NAME, true));
            } else {
                glossToken(text, out);
            }
        }
        return out;
    }

    /**
     * HanLP's person-name guesses that are trusted: 2-4 Han characters not in the dictionary, and no function word
     * at the end (HanLP sometimes takes 国和 in 两国和两国人民 for a name).
     */
    private boolean looksLikeName(ChineseSegmenter.Token token) {
        String text = token.text();
        if (!token.personName() || text.length() < 2 || text.length() > 4 || !hasHan(text)) {
            return false;
        }
        return NOT_IN_NAMES_AT_END.indexOf(text.charAt(text.length() - 1)) < 0 && !dictionary.contains(text);
    }

    private static final String NOT_IN_NAMES_AT_END = "和的在是了与及等对也都就而或把被从向为于以到说着过们";

    /** The definition given to a person's name the dictionary does not know. */
    public static final String NAME = "(name)";

    /** Pinyin for a Chinese name: family name and given name capitalised, as in {@code Xí Jìn píng}. */
    static String namePinyin(String name) {
        List<com.hankcs.hanlp.dictionary.py.Pinyin> syllables = HanLP.convertToPinyinList(name);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < syllables.size(); i++) {
            String numbered = syllables.get(i).name();
            if (numbered.startsWith("none")) {
                numbered = name.substring(i, i + 1);
            } else {
                numbered = numbered.replace("v", "u:");
            }
            if (i < 2 && !numbered.isEmpty()) {
                numbered = Character.toUpperCase(numbered.charAt(0)) + numbered.substring(1);
            }
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(numbered);
        }
        return Pinyin.toToneMarks(sb.toString());
    }

    /** Glosses one token: the whole word if the dictionary has it, else its longest dictionary sub-words. */
    public void glossToken(String token, List<WordGloss> out) {
        if (token.isEmpty()) {
            return;
        }
        if (!hasHan(token)) {
            out.add(new WordGloss(token, null, null, false));
            return;
        }
        if (dictionary.contains(token)) {
            out.add(glossWord(token));
            return;
        }
        int i = 0;
        while (i < token.length()) {
            int len = dictionary.longestMatchAt(token, i);
            if (len > 0) {
                out.add(glossWord(token.substring(i, i + len)));
                i += len;
            } else {
                int end = i + Character.charCount(token.codePointAt(i));
                String ch = token.substring(i, end);
                out.add(new WordGloss(ch, null, null, hasHan(ch)));
                i = end;
            }
        }
    }

    /** The gloss of a dictionary word ({@code found()} is false if it is not one). */
    public WordGloss glossWord(String word) {
        WordGloss cached = cache.get(word);
        if (cached != null) {
            return cached;
        }
        WordGloss gloss = lookUp(word);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(word, gloss);
        return gloss;
    }

    private WordGloss lookUp(String word) {
        List<DictionaryEntry> entries = dictionary.lookup(word);
        if (entries.isEmpty()) {
            return new WordGloss(word, null, null, hasHan(word));
        }
        List<DictionaryEntry> ordered = entries;
        if (entries.size() > 1 && severalReadings(entries)) {
            String reading = hanlpReading(word);
            List<DictionaryEntry> matching = new ArrayList<>(entries.size());
            List<DictionaryEntry> others = new ArrayList<>(entries.size());
            for (DictionaryEntry e : entries) {
                (normalise(e.pinyinNumbered()).equals(reading) ? matching : others).add(e);
            }
            matching.addAll(others);
            ordered = matching;
        }
        for (DictionaryEntry e : ordered) {
            String definition = goodDefinition(e);
            if (definition != null) {
                return new WordGloss(word, e.pinyin(), definition, true);
            }
        }
        DictionaryEntry first = ordered.getFirst();
        String fallback = first.definitions().isEmpty() ? "" : shorten(first.definitions().getFirst());
        return new WordGloss(word, first.pinyin(), fallback, true);
    }

    /** The first definition of {@code entry} that is not a variant/surname/classifier note, shortened; or null. */
    public static String goodDefinition(DictionaryEntry entry) {
        for (String d : entry.definitions()) {
            if (!WEAK_DEFINITION.matcher(d).find()) {
                String s = shorten(d);
                if (!s.isEmpty()) {
                    return s;
                }
            }
        }
        return null;
    }

    /** Drops cross-reference pinyin and leading notes like "(bound form)", cuts at ";" and at about 40 characters. */
    static String shorten(String definition) {
        String s = CROSS_REFERENCE.matcher(definition).replaceAll("$1");
        s = LEADING_NOTES.matcher(s).replaceFirst("");
        int semicolon = s.indexOf(';');
        if (semicolon > 0) {
            s = s.substring(0, semicolon);
        }
        s = s.strip();
        if (s.length() > MAX_DEFINITION_LENGTH) {
            int cut = s.lastIndexOf(' ', MAX_DEFINITION_LENGTH);
            s = s.substring(0, cut > MAX_DEFINITION_LENGTH / 2 ? cut : MAX_DEFINITION_LENGTH).strip() + "…";
        }
        return s;
    }

    private static boolean severalReadings(List<DictionaryEntry> entries) {
        String first = normalise(entries.getFirst().pinyinNumbered());
        for (int i = 1; i < entries.size(); i++) {
            if (!normalise(entries.get(i).pinyinNumbered()).equals(first)) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String pinyinNumbered) {
        return pinyinNumbered.toLowerCase(Locale.ROOT).replace("u:", "v").replace(" ", "");
    }

    private static String hanlpReading(String word) {
        StringBuilder sb = new StringBuilder();
        for (com.hankcs.hanlp.dictionary.py.Pinyin p : HanLP.convertToPinyinList(word)) {
            sb.append(p.name());
        }
        return sb.toString();
    }

    /** Whether {@code text} contains a Han character. */
    public static boolean hasHan(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }
}
