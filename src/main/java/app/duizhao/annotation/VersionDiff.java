package app.duizhao.annotation;

import java.util.List;

/**
 * What changed between two states of an article (saved versions, or a version and the current working state),
 * block by block, in document order. Only blocks with a change are listed: a paragraph added or removed (say,
 * restored from the cleaning audit), or a paragraph in both whose text, English, note or highlights changed.
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

    /** The paragraphs added in the newer state. */
    public List<BlockDiff> addedBlocks() {
        return blocks.stream().filter(b -> b.kind() == BlockChange.ADDED).toList();
    }

    /** The paragraphs removed from the older state. */
    public List<BlockDiff> removedBlocks() {
        return blocks.stream().filter(b -> b.kind() == BlockChange.REMOVED).toList();
    }

    /** How a block differs. */
    public enum BlockChange {
        /** Only in the newer state: every field's "before" is {@code null}, its highlights are all "added". */
        ADDED,
        /** Only in the older state: every field's "after" is {@code null}, its highlights are all "removed". */
        REMOVED,
        /** In both states (paired by text, or in the same place between paired ones) with a change. */
        CHANGED
    }

    /**
     * One changed, added or removed block. A field that did not change has equal old and new values.
     *
     * @param oldPosition    the block's position in the older state, {@code null} when it was added
     * @param newPosition    the block's position in the newer state, {@code null} when it was removed
     * @param english        the English as read (the correction, else the machine's)
     * @param machineEnglish the machine English kept beside a correction (it changes with a re-translation)
     */
    public record BlockDiff(BlockChange kind, Integer oldPosition, Integer newPosition, Change text, Change english,
                            Change note, List<HighlightInfo> added, List<HighlightInfo> removed,
                            List<HighlightChange> changed, Change machineEnglish) {

        public BlockDiff {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            changed = List.copyOf(changed);
        }

        /** Where the block is: its position in the newer state, or in the older one when it was removed. */
        public int position() {
            return newPosition != null ? newPosition : oldPosition;
        }

        /** Whether the block is in both states but at a different position (a paragraph was added before it). */
        public boolean moved() {
            return oldPosition != null && newPosition != null && !oldPosition.equals(newPosition);
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
