package app.duizhao.export;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Anki TSV read the way Anki's text importer reads it (Anki 2.1.55+, {@code rslib/src/import_export/text/csv}:
 * header lines {@code #key:value} at the top; the separator by name or as the character; {@code #html}; the column
 * names split with that separator; {@code #tags column} 1-based; then records read as CSV with that separator,
 * {@code "} as quote with {@code ""} inside quotes, lines starting with {@code #} skipped as comments, and fields
 * mapped to the note type's fields by column name). Tricky text must come out of Anki as it went in.
 */
class AnkiImportRulesTest {

    /** Header keys Anki knows; anything else it ignores silently, which would hide a typo. */
    static final Set<String> KNOWN_KEYS = Set.of("separator", "html", "tags", "columns", "notetype", "deck",
            "notetype column", "deck column", "tags column", "guid column");

    /** What Anki makes of the file. */
    record AnkiFile(char separator, boolean html, List<String> columns, int tagsColumn, List<List<String>> records) {
    }

    static AnkiFile read(String file) {
        Map<String, String> meta = new LinkedHashMap<>();
        List<String> lines = file.lines().toList();
        int at = 0;
        char separator = 0;
        List<String> columns = List.of();
        while (at < lines.size() && lines.get(at).startsWith("#")) {
            String line = lines.get(at++).substring(1);
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1);
            assertThat(KNOWN_KEYS).as("header key Anki knows").contains(key);
            meta.put(key, value);
            if (key.equals("separator")) {
                separator = separator(value);
            } else if (key.equals("columns")) {
                // Anki splits the column names with the separator read so far: #separator must come first.
                assertThat(separator).as("#separator before #columns").isNotEqualTo((char) 0);
                columns = records(value, separator).getFirst();
            }
        }
        assertThat(meta).containsKeys("separator", "html", "columns");
        String body = String.join("\n", lines.subList(at, lines.size()));
        return new AnkiFile(separator, Boolean.parseBoolean(meta.get("html").strip().toLowerCase(Locale.ROOT)),
                columns, meta.containsKey("tags column") ? Integer.parseInt(meta.get("tags column").strip()) : 0,
                body.isEmpty() ? List.of() : records(body, separator));
    }

    private static char separator(String value) {
        String normed = value.toLowerCase(Locale.ROOT);
        Map<String, Character> names = Map.of("comma", ',', "semicolon", ';', "tab", '\t', "space", ' ',
                "pipe", '|', "colon", ':');
        if (names.containsKey(normed.strip())) {
            return names.get(normed.strip());
        }
        assertThat(normed).as("a separator Anki knows").hasSize(1);
        return normed.charAt(0);
    }

    /** CSV as the Rust csv crate reads it with Anki's settings (flexible, comment '#', quote '"'). */
    private static List<List<String>> records(String text, char separator) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStart = true;
        boolean recordStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (recordStart && c == '#') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
                continue;
            }
            recordStart = false;
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (c == separator) {
                record.add(field.toString());
                field.setLength(0);
                fieldStart = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                records.add(record);
                record = new ArrayList<>();
                field.setLength(0);
                fieldStart = true;
                recordStart = true;
            } else {
                field.append(c);
                fieldStart = false;
            }
        }
        assertThat(quoted).as("no quote left open").isFalse();
        if (!fieldStart || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    @Test
    void trickyVocabularyComesOutOfAnkiAsItWentIn() {
        List<VocabularyRow> rows = List.of(
                new VocabularyRow("外交", "wàijiāo", "diplomacy; foreign affairs", "他说，乒乓外交是一段佳话。",
                        "He said ping-pong diplomacy is a fine story."),
                new VocabularyRow("#话题", "huàtí", "topic, \"subject\"", "“话题”是\t热门的", "a line\nbreak"),
                new VocabularyRow("大球", "", "<b>big</b> ball & co; a,b", "", ""),
                new VocabularyRow("\"引号\"", "yǐnhào", "quotation mark", "他说：\"好\"。", "He said: \"good\"."));
        String file = new AnkiExporter().export(rows, "duizhao article-42");

        assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(file)).isTrue();
        assertThat(file).doesNotStartWith("\uFEFF");
        AnkiFile anki = read(file);

        assertThat(anki.separator()).isEqualTo('\t');
        assertThat(anki.html()).as("plain text: Anki escapes <, > and & itself").isFalse();
        assertThat(anki.columns()).containsExactly("Word", "Pinyin", "Definition", "Sentence", "Translation", "Tags");
        assertThat(anki.tagsColumn()).isEqualTo(6);
        assertThat(anki.columns().get(anki.tagsColumn() - 1)).isEqualTo("Tags");
        assertThat(anki.records()).hasSize(rows.size())
                .allSatisfy(record -> assertThat(record).hasSameSizeAs(anki.columns()));
        for (int i = 0; i < rows.size(); i++) {
            VocabularyRow row = rows.get(i);
            List<String> record = anki.records().get(i);
            List<String> expected = List.of(row.word(), row.pinyin(), row.definition(), row.sentence(),
                    row.translation());
            for (int f = 0; f < expected.size(); f++) {
                // Anki's plain-text import has no way to keep a tab or line break inside a field: they become spaces.
                String want = expected.get(f).replaceAll("[\\t\\r\\n]+", " ").strip();
                if (f == 0 && want.startsWith("#")) {
                    want = "＃" + want.substring(1); // a leading '#' would make the line a comment
                }
                assertThat(record.get(f)).as("row %d field %s", i, anki.columns().get(f)).isEqualTo(want);
            }
            assertThat(record.get(anki.tagsColumn() - 1).split("\\s+")).containsExactly("duizhao", "article-42");
        }
    }

    @Test
    void columnsMapByNameOntoANoteTypeWithThoseFields() {
        AnkiFile anki = read(new AnkiExporter().export(List.of(new VocabularyRow("中国", "Zhōngguó", "China",
                "中国很大。", "China is big.")), "t"));
        List<String> noteTypeFields = List.of("Word", "Pinyin", "Definition", "Sentence", "Translation");

        // Anki: each note type field takes the column of the same name, leaving out the tags column.
        for (String field : noteTypeFields) {
            int column = anki.columns().indexOf(field) + 1;
            assertThat(column).as(field).isPositive().isNotEqualTo(anki.tagsColumn());
        }
        assertThat(anki.records().getFirst().get(anki.columns().indexOf("Translation"))).isEqualTo("China is big.");
    }

    @Test
    void anEmptyVocabularyIsAFileWithHeadersAndNoNotes() {
        AnkiFile anki = read(new AnkiExporter().export(List.of(), "t"));

        assertThat(anki.records()).isEmpty();
        assertThat(anki.columns()).hasSize(6);
    }
}
