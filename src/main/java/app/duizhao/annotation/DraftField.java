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
    CONFLICT_NOTE,
    /**
     * The notes (and colours) of the block's highlights that lost an edit conflict, kept until the user decides.
     * Its text records which highlight and quote each is for: read it with
     * {@link AnnotationService#highlightDrafts}.
     */
    HIGHLIGHT_CONFLICT;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static DraftField of(String code) {
        return valueOf(code.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
