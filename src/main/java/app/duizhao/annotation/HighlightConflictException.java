package app.duizhao.annotation;

/**
 * Someone else changed a highlight's note or colour after the editor was opened, and the user changed the same
 * thing. Nothing was overwritten: {@link #current()} is the highlight as stored now ("theirs"), and
 * {@link #yourColour()} with {@link #yours()} is what the user wanted to save, also kept as a
 * {@link DraftField#HIGHLIGHT_CONFLICT} draft (see {@link AnnotationService#highlightDrafts}).
 */
public class HighlightConflictException extends EditConflictException {

    private final HighlightInfo current;
    private final HighlightColour yourColour;

    public HighlightConflictException(HighlightInfo current, HighlightColour yourColour, String yourNote) {
        super("Someone else changed this highlight after you opened it; nothing was overwritten: both notes are "
                + "shown, and yours is kept until you decide.", current.blockPosition(), DraftField.NOTE, current.note(), yourNote, 0);
        this.current = current;
        this.yourColour = yourColour;
    }

    /** The highlight as stored now, with the other save's colour and note; open the editor again from it. */
    public HighlightInfo current() { return current; }
    public long highlightId() { return current.id(); }
    public HighlightColour yourColour() { return yourColour; }
}
