package app.duizhao.annotation;

import java.util.List;

/**
 * What changed between two states of an article (saved versions, or a version and the current working state),
 * block by block. Only blocks with a change are listed.
 *
 * @param from the older version's number, or {@link #CURRENT}
 * @param to   the newer version's number, or {@link #CURRENT}
 */
public record VersionDiff(int from, int to, List<BlockDiff> blocks, List<String> tagsAdded,
                          List<String> tagsRemoved) {

    /** The number that stands for the current working state (saved versions are numbered from 1). */
    public static final int CURRENT = 0;

    public boolean isEmpty() {
        return blocks.isEmpty() && tagsAdded.isEmpty() && tagsRemoved.isEmpty();
    }

    /**
     * One changed block. A field that did not change has equal old and new values.
     *
     * @param english        the English as read (the correction, else the machine's)
     * @param machineEnglish the machine English kept beside a correction (it changes with a re-translation)
     */
    public record BlockDiff(int position, Change text, Change english, Change note, List<HighlightInfo> added,
                            List<HighlightInfo> removed, List<HighlightChange> changed, Change machineEnglish) {

        /** A block diff without the machine English (taken as unchanged). */
        public BlockDiff(int position, Change text, Change english, Change note, List<HighlightInfo> added,
                         List<HighlightInfo> removed, List<HighlightChange> changed) {
            this(position, text, english, note, added, removed, changed, new Change(null, null));
        }
    }

    /** A value before and after; either may be {@code null}. */
    public record Change(String before, String after) {
        public boolean changed() {
            return !java.util.Objects.equals(before, after);
        }
    }

    /** A highlight kept in both versions whose colour, note or quote changed. */
    public record HighlightChange(HighlightInfo before, HighlightInfo after) {
    }
}
