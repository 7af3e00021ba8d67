package app.duizhao.annotation;

import java.util.List;

/**
 * What restoring an old version did (see {@link AnnotationService#restore}).
 *
 * @param version      the new version the restore saved
 * @param restoredFrom the number of the version restored
 * @param savedBefore  the number of the version saved first because the current state had changes no version held
 *                     yet (so nothing the restore overwrote is lost), or {@code null} when the newest version
 *                     already held it
 * @param leftOut      the paragraphs of the restored version that are no longer in the article and carried the
 *                     user's work (an English correction, a note, highlights): it could not be put back anywhere,
 *                     and stays in version {@code restoredFrom}
 */
public record RestoreResult(VersionInfo version, int restoredFrom, Integer savedBefore,
                            List<LeftOutParagraph> leftOut) {

    public RestoreResult {
        leftOut = List.copyOf(leftOut);
    }

    /** The new version's number. */
    public int number() {
        return version.number();
    }

    /**
     * A paragraph of the restored version that is no longer in the article, with the user's work on it.
     *
     * @param position         its position in the restored version
     * @param text             its Chinese text
     * @param correctedEnglish the user's English then, or {@code null}
     * @param note             its note then, or {@code null}
     * @param highlights       its highlights then, with their notes
     */
    public record LeftOutParagraph(int position, String text, String correctedEnglish, String note,
                                   List<HighlightInfo> highlights) {

        public LeftOutParagraph {
            highlights = List.copyOf(highlights);
        }
    }
}
