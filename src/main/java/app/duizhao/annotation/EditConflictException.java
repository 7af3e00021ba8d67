package app.duizhao.annotation;

/**
 * Someone else saved this block's English or note after the editor was opened. Nothing was overwritten: the
 * stored text is {@link #theirs()}, and the user's text is {@link #yours()}, also kept as a conflict draft.
 */
public class EditConflictException extends RuntimeException {

    private final int blockPosition;
    private final DraftField field;
    private final String theirs;
    private final String yours;
    private final long currentRevision;

    public EditConflictException(int blockPosition, DraftField field, String theirs, String yours,
                                 long currentRevision) {
        this("Someone else changed paragraph " + (blockPosition + 1) + " after you opened it; nothing was "
                + "overwritten: both texts are kept.", blockPosition, field, theirs, yours, currentRevision);
    }

    protected EditConflictException(String message, int blockPosition, DraftField field, String theirs,
                                    String yours, long currentRevision) {
        super(message);
        this.blockPosition = blockPosition;
        this.field = field;
        this.theirs = theirs;
        this.yours = yours;
        this.currentRevision = currentRevision;
    }

    public int blockPosition() { return blockPosition; }
    public DraftField field() { return field; }
    public String theirs() { return theirs; }
    public String yours() { return yours; }
    /** The revision to open the editor at again to apply "yours" over "theirs" on purpose. */
    public long currentRevision() { return currentRevision; }
}
