package app.duizhao.chinese;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;

/**
 * The CC-CEDICT Chinese-English dictionary (MDBG, CC BY-SA 4.0), read from the classpath resource
 * {@value #RESOURCE} and indexed by simplified and traditional form.
 *
 * <p>Loading starts in a background thread when the object is built (about 124,000 entries, well under two
 * seconds); the first lookup waits for it if it has not finished. The index keeps each entry's raw line and parses
 * it on lookup (about a microsecond), which keeps loading fast and memory small. Lookups are lock-free reads of a
 * map that is never changed after loading, safe from any thread.
 */
@Component
public class ChineseDictionary {

    static final String RESOURCE = "cedict/cedict_ts.u8.gz";

    /** Words longer than this are not looked for by {@link #longestMatchAt(String, int)}. */
    public static final int MAX_MATCH_LENGTH = 8;

    private static final Logger log = LoggerFactory.getLogger(ChineseDictionary.class);

    private final CompletableFuture<Data> data = new CompletableFuture<>();

    public ChineseDictionary() {
        Thread.ofPlatform().name("cedict-loader").daemon().start(() -> {
            try {
                data.complete(load());
            } catch (Throwable e) {
                log.error("Could not load CC-CEDICT from {}", RESOURCE, e);
                data.completeExceptionally(e);
            }
        });
    }

    /** Entries whose simplified or traditional form is exactly {@code word}; common entries before proper nouns. */
    public List<DictionaryEntry> lookup(String word) {
        if (word == null || word.isEmpty()) {
            return List.of();
        }
        Object lines = data().index.get(word);
        if (lines == null) {
            return List.of();
        }
        if (lines instanceof String line) {
            DictionaryEntry entry = parse(line);
            return entry == null ? List.of() : List.of(entry);
        }
        String[] all = (String[]) lines;
        List<DictionaryEntry> entries = new ArrayList<>(all.length);
        for (String line : all) {
            DictionaryEntry entry = parse(line);
            if (entry != null) {
                entries.add(entry);
            }
        }
        entries.sort(COMMON_FIRST); // stable: file order kept within each group
        return List.copyOf(entries);
    }

    /** Whether {@code word} is a headword in either form. */
    public boolean contains(String word) {
        return word != null && data().index.containsKey(word);
    }

    /**
     * The length (in chars) of the longest dictionary word that starts at {@code start} in {@code text}, looking at
     * {@value #MAX_MATCH_LENGTH} chars at most; 0 when no word, not even a single character, starts there.
     */
    public int longestMatchAt(String text, int start) {
        if (text == null || start < 0 || start >= text.length()) {
            return 0;
        }
        Map<String, Object> index = data().index;
        int max = Math.min(MAX_MATCH_LENGTH, text.length() - start);
        for (int len = max; len >= 1; len--) {
            int end = start + len;
            if (end < text.length() && Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
                continue; // never cut a surrogate pair
            }
            if (index.containsKey(text.substring(start, end))) {
                return len;
            }
        }
        return 0;
    }

    /** The number of entries. */
    public int size() {
        return data().size;
    }

    /** The {@code #} header lines of the file (licence and credits), without the {@code #} marks. */
    public String licenceHeader() {
        return data().header;
    }

    /** Waits until the dictionary is loaded (useful for warm-up). */
    public void awaitLoaded() {
        data();
    }

    private Data data() {
        return data.join();
    }

    private record Data(Map<String, Object> index, int size, String header) {
    }

    private static final Comparator<DictionaryEntry> COMMON_FIRST = Comparator.comparing(DictionaryEntry::properNoun);

    static Data load() throws IOException {
        long startNanos = System.nanoTime();
        InputStream raw = ChineseDictionary.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (raw == null) {
            throw new IOException("CC-CEDICT resource not found: " + RESOURCE);
        }
        HashMap<String, Object> index = new HashMap<>(400_000);
        StringBuilder header = new StringBuilder();
        int size = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 1 << 16),
                StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#")) {
                    if (!line.startsWith("#!")) {
                        header.append(line.length() > 1 && line.charAt(1) == ' ' ? line.substring(2) : line.substring(1))
                                .append('\n');
                    }
                    continue;
                }
                // Only the headwords are split off now; the rest of the line is parsed on lookup. Keeping one
                // String per entry keeps loading fast (little garbage, little for the GC to copy).
                int sp1 = line.indexOf(' ');
                int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
                if (sp2 < 0 || line.indexOf('/', sp2) < 0) {
                    continue;
                }
                size++;
                String simplified = line.substring(sp1 + 1, sp2);
                put(index, simplified, line);
                if (sp1 != sp2 - sp1 - 1 || !line.regionMatches(0, simplified, 0, sp1)) {
                    put(index, line.substring(0, sp1), line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("Loaded {} CC-CEDICT entries in {} ms", size, (System.nanoTime() - startNanos) / 1_000_000);
        return new Data(Collections.unmodifiableMap(index), size, header.toString().strip());
    }

    /** Adds {@code line} under {@code key}: a single line as a String, several as a String[] in file order. */
    private static void put(Map<String, Object> index, String key, String line) {
        Object current = index.putIfAbsent(key, line);
        if (current == null) {
            return;
        }
        if (current instanceof String first) {
            index.put(key, new String[] {first, line});
        } else {
            String[] lines = (String[]) current;
            String[] more = Arrays.copyOf(lines, lines.length + 1);
            more[lines.length] = line;
            index.put(key, more);
        }
    }

    /** Parses {@code Traditional Simplified [pin1 yin1] /gloss 1/gloss 2/}; {@code null} if malformed. */
    static DictionaryEntry parse(String line) {
        int sp1 = line.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
        int open = sp2 < 0 ? -1 : line.indexOf('[', sp2);
        int close = open < 0 ? -1 : line.indexOf(']', open);
        int slash = close < 0 ? -1 : line.indexOf('/', close);
        if (slash < 0) {
            return null;
        }
        String traditional = line.substring(0, sp1);
        String simplified = line.substring(sp1 + 1, sp2);
        String pinyin = line.substring(open + 1, close).strip();
        ArrayList<String> definitions = new ArrayList<>(4);
        int from = slash + 1;
        int n = line.length();
        while (from < n) {
            int to = line.indexOf('/', from);
            if (to < 0) {
                to = n;
            }
            if (to > from) {
                String definition = line.substring(from, to).strip();
                if (!definition.isEmpty()) {
                    definitions.add(definition);
                }
            }
            from = to + 1;
        }
        return new DictionaryEntry(traditional, simplified, pinyin, definitions);
    }
}
