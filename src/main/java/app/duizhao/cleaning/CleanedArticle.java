package app.duizhao.cleaning;

import java.util.List;

/** The cleaner's result: the article's own blocks in order, and what was removed. */
public record CleanedArticle(List<CleanBlock> blocks, List<RemovedFragment> removed) {

    public CleanedArticle {
        blocks = List.copyOf(blocks);
        removed = List.copyOf(removed);
    }
}
