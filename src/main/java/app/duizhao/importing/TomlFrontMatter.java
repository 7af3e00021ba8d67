package app.duizhao.importing;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hugo's TOML front matter ({@code +++} … {@code +++}), read with Jackson's TOML parser. Keys in a {@code [table]}
 * are stored as {@code table.key}; scalars (strings, dates, numbers, booleans) as their text, arrays as lists.
 *
 * <p>Front matter is metadata and the body is what matters, so a document that is not valid TOML as a whole is not
 * refused: each of its lines that is a valid {@code key = value} on its own is kept (under the table header above
 * it), the others are skipped.
 */
final class TomlFrontMatter {

    private static final int MAX_CHARS = 65_536;
    private static final TomlMapper TOML = TomlMapper.builder().build();
    private static final Pattern TABLE_HEADER = Pattern.compile("^\\[+\\s*([^\\]]*?)\\s*]+\\s*(#.*)?$");

    private TomlFrontMatter() {
    }

    static Map<String, Object> read(String frontMatter) {
        String text = frontMatter.length() > MAX_CHARS ? frontMatter.substring(0, MAX_CHARS) : frontMatter;
        Map<String, Object> fields = new LinkedHashMap<>();
        try {
            flatten("", TOML.readTree(text), fields);
            return fields;
        } catch (JacksonException invalid) {
            fields.clear();
        }
        String table = "";
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            var header = TABLE_HEADER.matcher(line);
            if (header.matches()) {
                table = header.group(1).isEmpty() ? "" : unquoteKey(header.group(1)) + ".";
            } else if (line.indexOf('=') > 0) {
                try {
                    flatten(table, TOML.readTree(line), fields);
                } catch (JacksonException unreadable) {
                    // Not a key = value line on its own (or not TOML at all): skipped.
                }
            }
        }
        return fields;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> into) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(key + ".", value, into);
            } else if (value.isArray()) {
                List<Object> items = new ArrayList<>();
                for (JsonNode item : value) {
                    items.add(item.isValueNode() ? item.asString() : item.toString());
                }
                into.put(key, items);
            } else if (!value.isNull()) {
                into.put(key, value.asString());
            }
        }
    }

    private static String unquoteKey(String key) {
        return key.length() >= 2 && (key.startsWith("\"") && key.endsWith("\"") || key.startsWith("'") && key.endsWith("'"))
                ? key.substring(1, key.length() - 1) : key;
    }
}
