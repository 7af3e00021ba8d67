package app.duizhao.library;

import app.duizhao.sync.ChangeFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the search index ({@link LibraryIndex}) in step with the database: every {@link LibraryEvent} the library
 * publishes reindexes its article once the transaction commits, and is published on the {@link ChangeFeed} for
 * the other instances on the same database, whose changes come back the same way. At startup the index is rebuilt
 * when it is missing or does not hold the same number of articles as the database, and otherwise catches up with
 * what other instances changed while this one was down.
 */
@Component
class IndexSync {

    private static final Logger log = LoggerFactory.getLogger(IndexSync.class);
    /** The change feed's topic: the item is an article id. */
    static final String TOPIC = "article";

    private final LibraryIndex index;
    private final ChangeFeed feed;
    private final Object pendingKey = new Object();

    IndexSync(LibraryIndex index, ChangeFeed feed) {
        this.index = index;
        this.feed = feed;
        // Articles other instances changed: read them again (the ones deleted leave the index).
        feed.subscribe(TOPIC, index::reindex);
    }

    /** Every change the library publishes reindexes its article once the transaction commits. */
    @EventListener
    void on(LibraryEvent event) {
        changed(event.articleId());
    }

    /** At startup: rebuilds the index when it does not match the database (missing, stale or damaged). */
    @EventListener(ApplicationReadyEvent.class)
    void checkOnStartup() {
        long stored = index.articleCount();
        int indexed = index.indexedCount();
        // An index written before accounts has no owner on its entries: rebuild it once.
        if (stored != indexed || index.countWithOwner() != indexed) {
            log.info("The search index holds {} articles, the database {}: rebuilding it", indexed, stored);
            index.rebuild();
            return;
        }
        catchUp();
    }

    /**
     * Reindexes what other instances changed while this one was not running (from the feed position stored with
     * the index), or everything when the feed no longer reaches back that far.
     */
    private void catchUp() {
        Long position = index.storedPosition();
        if (position == null) {
            return; // an index written before the feed existed, or a new one: the count check above is all we have
        }
        Set<Long> changed = feed.changesSince(position, TOPIC);
        if (changed == null) {
            log.info("The search index may have missed changes made while this instance was down: rebuilding it");
            index.rebuild();
        } else if (!changed.isEmpty()) {
            log.info("Reindexing {} articles changed while this instance was down", changed.size());
            index.reindex(changed);
        }
    }

    /**
     * Notes that an article changed: it is reindexed once the current transaction commits (at once when there is
     * none), so the index never shows what was rolled back.
     */
    void changed(long articleId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            feed.publish(TOPIC, articleId);
            index.reindex(List.of(articleId));
            return;
        }
        @SuppressWarnings("unchecked")
        Set<Long> pending = (Set<Long>) TransactionSynchronizationManager.getResource(pendingKey);
        if (pending == null) {
            Set<Long> ids = new LinkedHashSet<>();
            TransactionSynchronizationManager.bindResource(pendingKey, ids);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    // Read through the committed transaction's connection, which this thread still holds: a new
                    // transaction here would take a second connection while holding the first, and as many
                    // concurrent writers as the pool has connections then wait for each other until they time out
                    // (found by LoadBenchmark: 50 readers saving notes against a pool of 10).
                    index.reindexAfterCommit(List.copyOf(ids));
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(pendingKey);
                }
            });
            pending = ids;
        }
        if (pending.add(articleId)) {
            // Once per article and transaction, in the transaction: other instances see it when it commits.
            feed.publish(TOPIC, articleId);
        }
    }
}
