package app.duizhao.annotation;

import app.duizhao.library.Article;
import app.duizhao.library.ArticleBlock;

import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The paragraphs of an article as they stand now: the user's work is kept by block id (a paragraph's identity),
 * and shown, saved and exported by position. This turns one into the other at the edge.
 */
final class Paragraphs {

    private final long articleId;
    private final Map<Integer, ArticleBlock> byPosition = new HashMap<>();
    private final Map<Long, ArticleBlock> byId = new HashMap<>();

    Paragraphs(Article article) {
        this.articleId = article.getId();
        for (ArticleBlock block : article.getBlocks()) {
            byPosition.put(block.getPosition(), block);
            byId.put(block.getId(), block);
        }
    }

    /** The block at {@code position} now, or empty. */
    Optional<ArticleBlock> at(int position) {
        return Optional.ofNullable(byPosition.get(position));
    }

    /**
     * The block at {@code position} now.
     *
     * @throws NoSuchElementException when the article has no such block
     */
    ArticleBlock require(int position) {
        return at(position).orElseThrow(() -> new NoSuchElementException(
                "No block " + position + " in article " + articleId));
    }

    /** The block with this id, or {@code null} when it is not (or no longer) one of the article's. */
    ArticleBlock byId(long blockId) {
        return byId.get(blockId);
    }

    /** Where the block with this id stands now; -1 when it is not one of the article's. */
    int positionOf(long blockId) {
        ArticleBlock block = byId.get(blockId);
        return block == null ? -1 : block.getPosition();
    }
}
