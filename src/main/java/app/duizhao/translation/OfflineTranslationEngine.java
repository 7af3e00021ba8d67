package app.duizhao.translation;

import app.duizhao.chinese.ChineseGlosser;
import app.duizhao.chinese.ChineseSegmenter;
import app.duizhao.chinese.WordGloss;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * No LLM: glosses each block word by word from CC-CEDICT and picks key sentences by TextRank. The output is not a
 * translation, which {@link OutputKind#OFFLINE} tells the UI.
 *
 * <p>Gloss format: one line per block, items joined by {@value #SEPARATOR}. A Chinese word the dictionary knows is
 * {@code word (pīnyīn) short definition}, e.g. {@code 大使 (dà shǐ) ambassador}; a word it does not know is split
 * into dictionary sub-words, then single characters (written as they are when unknown); a person's name HanLP
 * recognises but the dictionary lacks is {@code 秦刚 (Qín Gāng) (name)}. Traditional text is glossed the same way.
 * Punctuation is kept as
 * written: closing and middle marks stick to the item before them, opening quotes and brackets to the item after;
 * Latin words and numbers are items of their own; spaces are dropped. A block that is mostly Latin letters (already
 * English) is passed through unchanged.
 *
 * <p>Summary format: the line {@value #SUMMARY_LABEL}, then one line {@code - <sentence>} per key sentence, in
 * article order: 3 sentences, 4 for articles over 1,500 characters, 5 over 3,000.
 */
@Component
public class OfflineTranslationEngine implements TranslationEngine {

    static final String SEPARATOR = " · ";
    static final String SUMMARY_LABEL = "Key sentences (offline, chosen by TextRank; not a translation):";

    private final ChineseSegmenter segmenter;
    private final ChineseGlosser glosser;

    public OfflineTranslationEngine(ChineseSegmenter segmenter, ChineseGlosser glosser) {
        this.segmenter = segmenter;
        this.glosser = glosser;
    }

    @Override
    public EngineInfo info() {
        return new EngineInfo("offline", "cc-cedict", OutputKind.OFFLINE);
    }

    @Override
    public void translate(TranslationRequest request, TranslationSink sink, Cancellation cancellation) {
        for (Segment segment : request.segments()) {
            if (cancellation.isCancelled()) {
                return;
            }
            String text = segment.text() == null ? "" : segment.text();
            if (isMostlyLatin(text)) {
                sink.partial(segment.id(), text);
                sink.completed(segment.id(), text);
                continue;
            }
            List<String> items = items(glosser.glossTokens(segmenter.tokenize(text)));
            if (items.size() > 1) {
                sink.partial(segment.id(), String.join(SEPARATOR, items.subList(0, items.size() / 2)));
            }
            sink.completed(segment.id(), String.join(SEPARATOR, items));
        }
    }

    /** The gloss of {@code text} in the format above (for a block that is Chinese). */
    String gloss(String text) {
        return String.join(SEPARATOR, items(glosser.glossTokens(segmenter.tokenize(text))));
    }

    @Override
    public void summarize(SummaryRequest request, SummarySink sink, Cancellation cancellation) {
        StringBuilder chinese = new StringBuilder();
        for (String paragraph : request.paragraphs()) {
            if (paragraph != null && !paragraph.isBlank() && !isMostlyLatin(paragraph)) {
                chinese.append(paragraph.strip()).append('\n');
            }
        }
        int length = chinese.length();
        int count = length > 3000 ? 5 : length > 1500 ? 4 : 3;
        StringBuilder out = new StringBuilder(SUMMARY_LABEL);
        sink.partial(out.toString());
        for (String sentence : segmenter.keySentences(chinese.toString(), count)) {
            if (cancellation.isCancelled()) {
                return;
            }
            out.append("\n- ").append(sentence);
            sink.partial(out.toString());
        }
        if (cancellation.isCancelled()) {
            return;
        }
        sink.completed(out.toString());
    }

    private static List<String> items(List<WordGloss> glosses) {
        List<String> items = new ArrayList<>(glosses.size());
        StringBuilder pendingOpeners = new StringBuilder();
        for (WordGloss g : glosses) {
            String text = g.text();
            if (text.isBlank()) {
                continue;
            }
            if (!g.chinese() && isPunctuation(text)) {
                int type = Character.getType(text.codePointAt(0));
                boolean opener = type == Character.START_PUNCTUATION || type == Character.INITIAL_QUOTE_PUNCTUATION;
                if (opener || items.isEmpty()) {
                    pendingOpeners.append(text);
                } else {
                    items.set(items.size() - 1, items.getLast() + text);
                }
                continue;
            }
            String item = g.found() ? text + " (" + g.pinyin() + ") " + g.definition() : text;
            items.add(pendingOpeners + item);
            pendingOpeners.setLength(0);
        }
        if (!pendingOpeners.isEmpty()) {
            items.add(pendingOpeners.toString());
        }
        return items;
    }

    private static boolean isPunctuation(String token) {
        return token.codePoints().noneMatch(Character::isLetterOrDigit);
    }

    /** Whether the text is mostly Latin letters (English): no Han at all, or more than twice as many letters. */
    static boolean isMostlyLatin(String text) {
        int han = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                han++;
            } else if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
                latin++;
            }
            i += Character.charCount(cp);
        }
        return han == 0 || latin > 2 * han;
    }
}
