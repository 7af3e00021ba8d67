package app.duizhao.annotation;

import java.util.Locale;

/** What an autosaved draft is the unsaved text of. */
public enum DraftField {
    /** The user's English for the block. */
    ENGLISH,
    /** The note on the block. */
    NOTE,
    /** The user's English that lost an edit conflict, kept until the user decides. */
    CONFLICT_ENGLISH,
    /** The note that lost an edit conflict, kept until the user decides. */
    CONFLICT_NOTE;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static DraftField of(String code) {
        return valueOf(code.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
