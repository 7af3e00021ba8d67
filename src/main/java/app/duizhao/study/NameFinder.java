package app.duizhao.study;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds proper names and numbers in Chinese text, which a level profile does not count as words to learn: HanLP's
 * name recognition (people {@code nr*}, places {@code ns*}, organisations {@code nt*}: its person, place and
 * organisation recognisers on top of its dictionary's natures) and numerals ({@code m}, or words made only of
 * numeral characters such as {@code 五十} or {@code 两千}).
 */
@Component
public class NameFinder {

    private static final Logger log = LoggerFactory.getLogger(NameFinder.class);
    private static final Pattern NUMERAL = Pattern.compile("[0-9０-９零〇一二三四五六七八九十百千万亿两几.．点%％]+");

    private final Segment recogniser = HanLP.newSegment().enableNameRecognize(true).enablePlaceRecognize(true)
            .enableOrganizationRecognize(true).enableCustomDictionary(true);

    /** Recently asked texts' names (an article's blocks are asked again for every profile of it). */
    private final java.util.LinkedHashMap<String, Set<String>> cache = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > 20_000;
        }
    };

    /** The names HanLP recognises in {@code text}, as written there; unmodifiable. */
    public Set<String> names(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        synchronized (cache) {
            Set<String> known = cache.get(text);
            if (known != null) {
                return known;
            }
        }
        Set<String> found = Set.copyOf(recognise(text));
        synchronized (cache) {
            cache.put(text, found);
        }
        return found;
    }

    private Set<String> recognise(String text) {
        Set<String> names = new HashSet<>();
        try {
            for (Term term : recogniser.seg(text)) {
                String nature = term.nature == null ? "" : term.nature.toString();
                if (nature.startsWith("nr") || nature.startsWith("ns") || nature.startsWith("nt")) {
                    names.add(term.word);
                }
            }
        } catch (RuntimeException e) {
            log.debug("HanLP name recognition failed: {}", e.toString());
        }
        return names;
    }

    /** Whether a word is a number written in Chinese numerals or digits. */
    public static boolean isNumber(String word) {
        return word != null && !word.isEmpty() && NUMERAL.matcher(word).matches();
    }
}
