package app.duizhao.library;

/**
 * What the library publishes (as Spring application events, in the transaction of the change) whenever it writes an
 * article or a block: the search index, the change feed to other instances and any other feature that keeps
 * something derived from articles listen to these, and never to the tables. A listener that must only see committed
 * changes uses {@code @TransactionalEventListener}.
 */
public sealed interface LibraryEvent {

    /** The article the change is about. */
    long articleId();

    /** A new article was stored, with its blocks. */
    record ArticleCreated(long articleId) implements LibraryEvent {
    }

    /** The article's own fields changed (title, summary, engine, tags), not its blocks. */
    record ArticleChanged(long articleId) implements LibraryEvent {
    }

    /** One block was added or changed (its translation, correction, note or position among the others). */
    record BlockChanged(long articleId, long blockId) implements LibraryEvent {
    }

    /** The article was deleted, with everything that hangs off it. */
    record ArticleDeleted(long articleId) implements LibraryEvent {
    }
}
