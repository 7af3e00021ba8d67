package app.duizhao.annotation;

import java.util.List;

/**
 * What changed between two saved versions, block by block. Only blocks with a change are listed.
 *
 * @param from the older version's number
 * @param to   the newer version's number
 */
public record VersionDiff(int from, int to, List<BlockDiff> blocks, List<String> tagsAdded,
                          List<String> tagsRemoved) {

    public boolean isEmpty() {
        return blocks.isEmpty() && tagsAdded.isEmpty() && tagsRemoved.isEmpty();
    }

    /** One changed block. A field that did not change has equal old and new values. */
    public record BlockDiff(int position, Change text, Change english, Change note, List<HighlightInfo> added,
                            List<HighlightInfo> removed, List<HighlightChange> changed) {
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
