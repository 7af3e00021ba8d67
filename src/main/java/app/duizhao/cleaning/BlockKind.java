package app.duizhao.cleaning;

import java.util.Locale;

/** What a cleaned block is; {@link #code()} is the name used in the HTTP API and exports. */
public enum BlockKind {
    HEADING, PARAGRAPH, QUOTE, LIST_ITEM, TABLE_ROW, IMAGE, CAPTION, BYLINE;

    /** The lower-case, hyphenated name: {@code list-item}, {@code table-row}... */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #code()} (or the enum name); unknown codes become {@link #PARAGRAPH}. */
    public static BlockKind fromCode(String code) {
        if (code == null) {
            return PARAGRAPH;
        }
        String normalized = code.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (BlockKind kind : values()) {
            if (kind.name().equals(normalized)) {
                return kind;
            }
        }
        return PARAGRAPH;
    }

    /** Whether the block carries text to translate (images carry only a URL). */
    public boolean isTranslatable() {
        return this != IMAGE;
    }
}
