package app.duizhao.importing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lenient reader for Hugo's TOML front matter ({@code +++} … {@code +++}): {@code key = value} pairs whose values
 * are strings (basic, literal, multi-line), arrays of them (also across lines), dates, numbers and booleans. Keys in a
 * {@code [table]} are stored as {@code table.key}. Lines it cannot read are skipped, never fatal: front matter is
 * metadata, and the body is what matters.
 */
final class TomlFrontMatter {

    private static final int MAX_CHARS = 65_536;

    private TomlFrontMatter() {
    }

    static Map<String, Object> read(String frontMatter) {
        Map<String, Object> fields = new LinkedHashMap<>();
        String text = frontMatter.length() > MAX_CHARS ? frontMatter.substring(0, MAX_CHARS) : frontMatter;
        String table = "";
        int i = 0;
        int n = text.length();
        while (i < n) {
            int end = text.indexOf('\n', i);
            if (end < 0) {
                end = n;
            }
            String line = text.substring(i, end).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                i = end + 1;
                continue;
            }
            if (line.startsWith("[")) {
                String name = line.replaceAll("^\\[+|]+\\s*(#.*)?$", "").strip();
                table = name.isEmpty() ? "" : name + ".";
                i = end + 1;
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                i = end + 1;
                continue;
            }
            String key = unquoteKey(line.substring(0, eq).strip());
            int valueStart = i + text.substring(i, end).indexOf('=') + 1;
            Parsed value = new Cursor(text, valueStart).value();
            if (value != null && !key.isEmpty()) {
                fields.put(table + key, value.value());
                int next = text.indexOf('\n', Math.max(value.end(), valueStart));
                i = next < 0 ? n : next + 1;
            } else {
                i = end + 1;
            }
        }
        return fields;
    }

    private static String unquoteKey(String key) {
        if (key.length() >= 2 && (key.startsWith("\"") && key.endsWith("\"") || key.startsWith("'") && key.endsWith("'"))) {
            return key.substring(1, key.length() - 1);
        }
        return key;
    }

    private record Parsed(Object value, int end) {
    }

    /** Reads one value starting at {@code pos}; {@code null} when it is not a value we can read. */
    private static final class Cursor {

        private final String text;
        private int pos;

        Cursor(String text, int pos) {
            this.text = text;
            this.pos = pos;
        }

        Parsed value() {
            Object value = readValue(0);
            return value == null ? null : new Parsed(value, pos);
        }

        private Object readValue(int depth) {
            skipSpaces(false);
            if (pos >= text.length() || depth > 20) {
                return null;
            }
            char c = text.charAt(pos);
            if (text.startsWith("\"\"\"", pos) || text.startsWith("'''", pos)) {
                String quote = text.substring(pos, pos + 3);
                int close = text.indexOf(quote, pos + 3);
                if (close < 0) {
                    return null;
                }
                String s = text.substring(pos + 3, close);
                pos = close + 3;
                return s.startsWith("\n") ? s.substring(1) : s;
            }
            if (c == '"') {
                return basicString();
            }
            if (c == '\'') {
                int close = text.indexOf('\'', pos + 1);
                int eol = lineEnd(pos);
                if (close < 0 || close > eol) {
                    return null;
                }
                String s = text.substring(pos + 1, close);
                pos = close + 1;
                return s;
            }
            if (c == '[') {
                pos++;
                List<Object> items = new ArrayList<>();
                while (pos < text.length()) {
                    skipSpaces(true);
                    if (pos >= text.length()) {
                        return null;
                    }
                    if (text.charAt(pos) == ']') {
                        pos++;
                        return items;
                    }
                    if (text.charAt(pos) == ',') {
                        pos++;
                        continue;
                    }
                    int before = pos;
                    Object item = readValue(depth + 1);
                    if (item == null || pos == before) {
                        return null;
                    }
                    items.add(item);
                }
                return null;
            }
            if (c == '{') {
                int close = text.indexOf('}', pos);
                int eol = lineEnd(pos);
                if (close < 0 || close > eol) {
                    return null;
                }
                String inline = text.substring(pos, close + 1);
                pos = close + 1;
                return inline;
            }
            int start = pos;
            while (pos < text.length() && ",]\n#".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            String bare = text.substring(start, pos).strip();
            return bare.isEmpty() ? null : bare;
        }

        private String basicString() {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\n') {
                    return null;
                }
                if (c == '\\' && pos < text.length()) {
                    char e = text.charAt(pos++);
                    switch (e) {
                        case 'n', 't' -> sb.append(' ');
                        case 'u' -> {
                            if (pos + 4 <= text.length()) {
                                try {
                                    sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                                } catch (NumberFormatException ex) {
                                    return null;
                                }
                                pos += 4;
                            }
                        }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            return null;
        }

        private void skipSpaces(boolean newlinesAndComments) {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\r' || newlinesAndComments && c == '\n') {
                    pos++;
                } else if (newlinesAndComments && c == '#') {
                    pos = lineEnd(pos);
                } else {
                    return;
                }
            }
        }

        private int lineEnd(int from) {
            int nl = text.indexOf('\n', from);
            return nl < 0 ? text.length() : nl;
        }
    }
}
