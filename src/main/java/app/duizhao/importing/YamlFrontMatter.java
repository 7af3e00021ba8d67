package app.duizhao.importing;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jekyll's YAML front matter ({@code ---} … {@code ---}), read with SnakeYAML; when that fails (the waimei bot writes
 * titles with raw newlines or unbalanced quotes) a lenient {@code key: value} line reader takes over.
 */
final class YamlFrontMatter {

    private static final Pattern LENIENT_KEY = Pattern.compile("^([A-Za-z_][A-Za-z0-9_-]{0,40})\\s*:(?:\\s(.*)|)$");
    private static final int MAX_YAML_CHARS = 16_384;

    private YamlFrontMatter() {
    }

    /** SnakeYAML first (safe constructor: plain maps, lists and scalars); the lenient reader when it fails. */
    static Map<String, Object> read(String frontMatter) {
        // Real front matter is a few hundred bytes; SnakeYAML is slow on huge scalars, so oversized (hostile or
        // broken) front matter goes straight to the lenient reader.
        if (frontMatter.length() <= MAX_YAML_CHARS) {
            try {
                LoaderOptions options = new LoaderOptions();
                options.setAllowDuplicateKeys(true);
                options.setMaxAliasesForCollections(10);
                options.setCodePointLimit(1_000_000);
                Object loaded = new Yaml(new SafeConstructor(options)).load(frontMatter);
                if (loaded instanceof Map<?, ?> map) {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    map.forEach((k, v) -> fields.put(String.valueOf(k), v));
                    return fields;
                }
                if (loaded == null) {
                    return new LinkedHashMap<>();
                }
            } catch (YAMLException | ClassCastException | IllegalArgumentException | IllegalStateException malformed) {
                // Fall through to the lenient reader below.
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        readLenient(frontMatter).forEach((key, value) -> fields.put(key, lenientValue(value)));
        return fields;
    }

    /**
     * Reads {@code key: value} lines; a line that is not a key continues the previous value (a title with a raw
     * newline), joined with a space. The values are as written (quotes and all).
     */
    static Map<String, String> readLenient(String frontMatter) {
        Map<String, String> fields = new LinkedHashMap<>();
        String lastKey = null;
        for (String line : frontMatter.split("\n", -1)) {
            Matcher m = LENIENT_KEY.matcher(line);
            if (m.matches()) {
                lastKey = m.group(1);
                fields.put(lastKey, m.group(2) == null ? "" : m.group(2).strip());
            } else if (lastKey != null && !line.isBlank()) {
                fields.put(lastKey, fields.get(lastKey) + " " + line.strip());
            }
        }
        return fields;
    }

    private static Object lenientValue(String value) {
        String v = value.strip();
        if (v.startsWith("[") && v.endsWith("]")) {
            List<String> items = new ArrayList<>();
            for (String item : v.substring(1, v.length() - 1).split(",")) {
                String s = unquote(item.strip());
                if (!s.isEmpty()) {
                    items.add(s);
                }
            }
            return items;
        }
        return unquote(v);
    }

    /** Strips surrounding quotes (also an unbalanced leading one) and undoes {@code \"} and {@code \\}. */
    static String unquote(String value) {
        String v = value.strip();
        if (v.isEmpty() || (v.charAt(0) != '"' && v.charAt(0) != '\'')) {
            return v;
        }
        char quote = v.charAt(0);
        v = v.substring(1);
        if (v.endsWith(String.valueOf(quote)) && !v.endsWith("\\" + quote)) {
            v = v.substring(0, v.length() - 1);
        }
        if (quote == '\'') {
            return v.replace("''", "'");
        }
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char next = v.charAt(i + 1);
                if (next == '"' || next == '\\' || next == '/') {
                    sb.append(next);
                    i++;
                    continue;
                }
                if (next == 'n' || next == 't') {
                    sb.append(' ');
                    i++;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
