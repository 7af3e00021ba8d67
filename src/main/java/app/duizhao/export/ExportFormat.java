package app.duizhao.export;

import java.util.Locale;

/** The export formats, by the name used in {@code ?format=}. */
public enum ExportFormat {
    MD("md", "text/markdown; charset=utf-8", "Markdown"),
    HTML("html", "text/html; charset=utf-8", "HTML"),
    PDF("pdf", "application/pdf", "PDF"),
    EPUB("epub", "application/epub+zip", "EPUB"),
    ANKI("tsv", "text/tab-separated-values; charset=utf-8", "Anki TSV"),
    JSON("json", "application/json", "JSON");

    private final String extension;
    private final String contentType;
    private final String label;

    ExportFormat(String extension, String contentType, String label) {
        this.extension = extension;
        this.contentType = contentType;
        this.label = label;
    }

    /** The name in URLs: md, html, pdf, epub, anki, json. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String extension() { return extension; }
    public String contentType() { return contentType; }
    public String label() { return label; }

    /**
     * Parses a format name (as in {@code ?format=}).
     *
     * @throws IllegalArgumentException naming the formats there are
     */
    public static ExportFormat of(String code) {
        if (code != null) {
            String wanted = code.strip().toLowerCase(Locale.ROOT);
            for (ExportFormat format : values()) {
                if (format.code().equals(wanted) || format.extension.equals(wanted)) {
                    return format;
                }
            }
            if (wanted.equals("markdown")) {
                return MD;
            }
        }
        throw new IllegalArgumentException("Unknown export format '" + code
                + "': use md, html, pdf, epub, anki or json.");
    }
}
