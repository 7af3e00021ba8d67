package app.duizhao.cleaning;

import org.jsoup.nodes.Comment;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects {@link RemovedFragment}s in document order, with where each stood among the kept blocks.
 *
 * <p>Element noise is removed before the blocks exist, so {@link NoiseRules} leaves a marker comment where each
 * removed node was; {@link BlockCollector} meets the markers in document order and {@link #anchor anchors} each
 * fragment to the block count at that point. Text-level removals know their place directly.
 */
final class Removals {

    private static final String MARKER = "duizhao-removed:";

    private final List<String> reasons = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final List<Integer> nextBlocks = new ArrayList<>();

    /** Records a removal whose place is not known yet; returns its index. */
    int add(String reason, String text) {
        return add(reason, text, -1);
    }

    /** Records a removal that stood before the kept block with index {@code nextBlock}. */
    int add(String reason, String text, int nextBlock) {
        reasons.add(reason);
        texts.add(text == null ? "" : text);
        nextBlocks.add(nextBlock);
        return reasons.size() - 1;
    }

    void anchor(int index, int nextBlock) {
        if (index >= 0 && index < nextBlocks.size() && nextBlocks.get(index) < 0) {
            nextBlocks.set(index, nextBlock);
        }
    }

    /** A comment standing where removal {@code index} was. */
    static Comment marker(int index) {
        return new Comment(MARKER + index);
    }

    /** The removal index of a marker comment, or {@code -1} for any other comment. */
    static int markerIndex(Comment comment) {
        String data = comment.getData();
        if (!data.startsWith(MARKER)) {
            return -1;
        }
        try {
            return Integer.parseInt(data.substring(MARKER.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The fragments; places are capped at {@code blockCount}, and unknown places (none expected) become 0. */
    List<RemovedFragment> list(int blockCount) {
        List<RemovedFragment> fragments = new ArrayList<>(reasons.size());
        for (int i = 0; i < reasons.size(); i++) {
            int next = nextBlocks.get(i);
            fragments.add(new RemovedFragment(reasons.get(i), texts.get(i), next < 0 ? 0 : Math.min(next, blockCount)));
        }
        return fragments;
    }
}
