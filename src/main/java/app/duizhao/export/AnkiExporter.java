package app.duizhao.export;

import java.util.List;

/**
 * Writes vocabulary as a tab-separated file Anki imports as is: the {@code #separator}, {@code #html} and
 * {@code #columns} header lines, then one note per row. Anki reads plain text here ({@code #html:false}), so tabs
 * and line breaks inside a field are turned into spaces, the only way to keep one note a line; a field with a
 * double quote is quoted CSV-style (Anki's reader treats {@code "} as a quote character).
 */
final class AnkiExporter {

    static final List<String> COLUMNS = List.of("Word", "Pinyin", "Definition", "Sentence", "Translation");

    String export(List<VocabularyRow> rows, String tags) {
        StringBuilder out = new StringBuilder();
        out.append("#separator:tab\n#html:false\n");
        out.append("#columns:").append(String.join("\t", COLUMNS)).append("\tTags\n");
        out.append("#tags column:").append(COLUMNS.size() + 1).append('\n');
        for (VocabularyRow row : rows) {
            out.append(field(row.word())).append('\t').append(field(row.pinyin())).append('\t')
                    .append(field(row.definition())).append('\t').append(field(row.sentence())).append('\t')
                    .append(field(row.translation())).append('\t').append(field(tags)).append('\n');
        }
        return out.toString();
    }

    /** A field on one line; a leading '#' would make Anki read the line as a comment/header, so it is kept out. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        String flat = value.replaceAll("[\\t\\r\\n]+", " ").strip();
        if (flat.startsWith("#")) {
            flat = "＃" + flat.substring(1);
        }
        return flat.indexOf('"') >= 0 ? '"' + flat.replace("\"", "\"\"") + '"' : flat;
    }
}
