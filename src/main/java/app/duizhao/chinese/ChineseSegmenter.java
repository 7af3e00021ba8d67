package app.duizhao.chinese;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.stopword.CoreStopWordDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import com.hankcs.hanlp.summary.TextRankSentence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Splits Chinese text into words with HanLP (portable, its bundled dictionaries) and picks key sentences with
 * HanLP's TextRank.
 *
 * <p>{@link #segment(String)} never loses or changes a character: the tokens, joined, give back the input.
 * Punctuation marks, whitespace runs and Latin/number runs are tokens of their own. HanLP loads its models on
 * first use (about a second); a background thread warms it up when this object is built.
 */
@Component
public class ChineseSegmenter {

    private static final Logger log = LoggerFactory.getLogger(ChineseSegmenter.class);

    /** Sentence ends: the mark stays with its sentence, and so do closing quotes or brackets right after it. */
    private static final String SENTENCE_ENDS = "。！？!?；;…\n";
    private static final String CLOSERS = "”’」』）)》〉】\"'";

    private final Segment hanlp;

    public ChineseSegmenter() {
        this.hanlp = HanLP.newSegment().enableOffset(true);
        Thread.ofPlatform().name("hanlp-warmup").daemon().start(() -> {
            try {
                long t = System.nanoTime();
                segment("中国驻美大使秦刚在中美“乒乓外交”50周年纪念活动致辞时表示。");
                keySentences("中美关系需要推动。两国人民的友谊很重要。乒乓外交已经50周年。", 1);
                HanLP.convertToPinyinList("银行");
                log.debug("HanLP warmed up in {} ms", (System.nanoTime() - t) / 1_000_000);
            } catch (RuntimeException e) {
                log.warn("HanLP warm-up failed: {}", e.toString());
            }
        });
    }

    /**
     * A word of a text with HanLP's part-of-speech tag.
     *
     * @param text the word exactly as written in the text
     * @param tag  HanLP's tag ({@code nr} person name, {@code ns} place, {@code w} punctuation…), or {@code null}
     *             for pieces HanLP did not tag as a whole
     */
    public record Token(String text, String tag) {

        /** Whether HanLP took this word for a person's name. */
        public boolean personName() {
            return tag != null && tag.startsWith("nr");
        }
    }

    /**
     * The words of {@code text}, in order; joined they give back {@code text} exactly. Remembered for recently
     * segmented texts (an article's blocks do not change between openings, and HanLP is the slow part of opening a
     * long article): as word boundaries, a few bytes per word, up to {@link #CACHE_CHARS} characters of text.
     */
    public List<String> segment(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        int[] ends;
        synchronized (cache) {
            ends = cache.get(text);
        }
        if (ends != null) {
            List<String> words = new ArrayList<>(ends.length);
            int start = 0;
            for (int end : ends) {
                words.add(text.substring(start, end));
                start = end;
            }
            return words;
        }
        List<Token> tokens = tokenize(text);
        List<String> words = new ArrayList<>(tokens.size());
        ends = new int[tokens.size()];
        int at = 0;
        for (int i = 0; i < ends.length; i++) {
            String word = tokens.get(i).text();
            words.add(word);
            at += word.length();
            ends[i] = at;
        }
        if (at == text.length()) {
            remember(text, ends);
        }
        return words;
    }

    /** How many characters of text the segmentation cache covers at most (about 60 long articles). */
    static final int CACHE_CHARS = 1_500_000;

    private final java.util.LinkedHashMap<String, int[]> cache = new java.util.LinkedHashMap<>(1024, 0.75f, true);
    private long cachedChars;

    /** Forgets the remembered segmentations (benchmarks measure HanLP itself). */
    public void forget() {
        synchronized (cache) {
            cache.clear();
            cachedChars = 0;
        }
    }

    private void remember(String text, int[] ends) {
        synchronized (cache) {
            if (cache.put(text, ends) == null) {
                cachedChars += text.length();
            }
            var oldest = cache.entrySet().iterator();
            while (cachedChars > CACHE_CHARS && oldest.hasNext()) {
                cachedChars -= oldest.next().getKey().length();
                oldest.remove();
            }
        }
    }

    /**
     * The words of {@code text} with their tags; joined they give back {@code text} exactly. Traditional characters
     * are segmented through their simplified forms (HanLP's dictionaries are simplified), the words keep the
     * characters of the text.
     */
    public List<Token> tokenize(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String simplified = text;
        try {
            String converted = HanLP.convertToSimplifiedChinese(text);
            if (converted != null && converted.length() == text.length()) {
                simplified = converted; // same length: the offsets stay valid for the original text
            }
        } catch (RuntimeException e) {
            log.debug("HanLP could not convert to simplified: {}", e.toString());
        }
        List<Term> terms;
        try {
            terms = hanlp.seg(simplified);
        } catch (RuntimeException e) {
            log.warn("HanLP could not segment a text of {} chars: {}", text.length(), e.toString());
            terms = List.of();
        }
        List<Token> tokens = new ArrayList<>(terms.size() + 8);
        int pos = 0;
        for (Term term : terms) {
            int start = term.offset;
            int end = start + term.word.length();
            if (start < pos || end > text.length() || !simplified.regionMatches(start, term.word, 0, term.word.length())) {
                continue; // HanLP changed the text or went back: the gap filler below keeps it exact
            }
            if (start > pos) {
                splitByKind(text, pos, start, null, tokens);
            }
            splitByKind(text, start, end, term.nature == null ? null : term.nature.toString(), tokens);
            pos = end;
        }
        if (pos < text.length()) {
            splitByKind(text, pos, text.length(), null, tokens);
        }
        return tokens;
    }

    /**
     * The {@code count} most central sentences of {@code text} by TextRank, in the order they first appear in the text
     * (a repeated sentence counts once, and so does
     * one that is part of another chosen one), each exactly as written there (with its end mark, trimmed of surrounding whitespace).
     */
    public List<String> keySentences(String text, int count) {
        if (text == null || text.isBlank() || count <= 0) {
            return List.of();
        }
        List<String> sentences = new ArrayList<>(new LinkedHashSet<>(sentences(text))); // a repeated sentence once
        if (sentences.size() <= count) {
            return sentences;
        }
        List<List<String>> docs = new ArrayList<>(sentences.size());
        for (String sentence : sentences) {
            List<String> words = new ArrayList<>();
            for (String token : segment(sentence)) {
                if (!token.isBlank() && !isPunctuation(token.codePointAt(0))
                        && !CoreStopWordDictionary.contains(token)) {
                    words.add(token);
                }
            }
            docs.add(words);
        }
        // Best first. HanLP keys its ranking by score, so sentences with equal scores may be missing: the
        // remaining sentences in text order follow as a fallback.
        List<Integer> candidates = new ArrayList<>(sentences.size() * 2);
        for (int i : new TextRankSentence(docs).getTopSentence(sentences.size())) {
            candidates.add(i);
        }
        for (int i = 0; i < sentences.size(); i++) {
            candidates.add(i);
        }
        List<Integer> chosen = new ArrayList<>(count);
        for (int candidate : candidates) {
            if (chosen.size() == count) {
                break;
            }
            String candidateText = sentences.get(candidate);
            // A sentence that repeats part of one already chosen (or the other way round) adds nothing.
            boolean overlaps = chosen.stream().map(sentences::get).anyMatch(c -> c.contains(stripEnd(candidateText))
                    || candidateText.contains(stripEnd(c)));
            if (!overlaps && !chosen.contains(candidate)) {
                chosen.add(candidate);
            }
        }
        chosen.sort(null);
        List<String> result = new ArrayList<>(chosen.size());
        for (int i : chosen) {
            result.add(sentences.get(i));
        }
        return result;
    }

    /** The sentence without its end marks and closing quotes. */
    private static String stripEnd(String sentence) {
        int end = sentence.length();
        while (end > 1 && (SENTENCE_ENDS.indexOf(sentence.charAt(end - 1)) >= 0 || CLOSERS.indexOf(sentence.charAt(end - 1)) >= 0)) {
            end--;
        }
        return sentence.substring(0, end);
    }

    /** Splits {@code text} into sentences at 。！？；… and line breaks, keeping end marks and closing quotes. */
    public static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            i++;
            if (SENTENCE_ENDS.indexOf(c) >= 0) {
                while (i < n && (SENTENCE_ENDS.indexOf(text.charAt(i)) >= 0 && text.charAt(i) != '\n'
                        || CLOSERS.indexOf(text.charAt(i)) >= 0)) {
                    i++;
                }
                addSentence(text.substring(start, i), out);
                start = i;
            }
        }
        addSentence(text.substring(start), out);
        return out;
    }

    private static void addSentence(String s, List<String> out) {
        String t = s.strip();
        if (!t.isEmpty() && t.codePoints().anyMatch(cp -> Character.isLetterOrDigit(cp))) {
            out.add(t);
        }
    }

    private enum Kind { HAN, LATIN, SPACE, PUNCT }

    private static Kind kind(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return Kind.SPACE;
        }
        if (isPunctuation(cp)) {
            return Kind.PUNCT;
        }
        if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
            return Kind.HAN;
        }
        return Kind.LATIN; // Latin letters, digits, other scripts
    }

    static boolean isPunctuation(int cp) {
        if (Character.isLetterOrDigit(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return false;
        }
        // Everything that is not a letter, digit or space is punctuation or a symbol ("." and "," inside a number
        // and a "%" after one are kept with the number by effectiveKind).
        return true;
    }

    /**
     * Adds [from, to) of {@code text}, cut where the kind of character changes; each punctuation mark alone. The
     * tag goes to the piece only if it is not cut.
     */
    private static void splitByKind(String text, int from, int to, String tag, List<Token> tokens) {
        int i = from;
        while (i < to) {
            int cp = text.codePointAt(i);
            Kind k = effectiveKind(text, i, from, to);
            int j = i + Character.charCount(cp);
            if (k != Kind.PUNCT) {
                while (j < to && effectiveKind(text, j, from, to) == k) {
                    j += Character.charCount(text.codePointAt(j));
                }
            }
            tokens.add(new Token(text.substring(i, j), i == from && j == to ? tag : null));
            i = j;
        }
    }

    /** The kind at {@code i}, where a number's inner "." or "," and a trailing "%" count as part of the number. */
    private static Kind effectiveKind(String text, int i, int from, int to) {
        int cp = text.codePointAt(i);
        Kind k = kind(cp);
        if (k == Kind.PUNCT && (cp == '.' || cp == ',' || cp == '%')) {
            boolean digitBefore = i > from && Character.isDigit(text.charAt(i - 1));
            boolean digitAfter = i + 1 < to && Character.isDigit(text.charAt(i + 1));
            if (cp == '%' ? digitBefore : digitBefore && digitAfter) {
                return Kind.LATIN;
            }
        }
        return k;
    }
}
