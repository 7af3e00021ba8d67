package app.duizhao.library;

import static app.duizhao.library.IndexDocuments.EN;
import static app.duizhao.library.IndexDocuments.ID;
import static app.duizhao.library.IndexDocuments.OWNER;
import static app.duizhao.library.IndexDocuments.SOURCE;
import static app.duizhao.library.IndexDocuments.TAG;

import app.duizhao.sync.ChangeFeed;
import jakarta.annotation.PreDestroy;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The library's search index (Apache Lucene), the store: one document per article ({@link IndexDocuments}) with
 * its title, Chinese text and English for full-text search, and its source, tags, translation state and dates for
 * filtering and sorting, searched by {@link IndexQueries}. The database stays the truth; {@link IndexSync} keeps the
 * index in step with it (the library's events, other instances' changes on the {@link ChangeFeed}, the startup
 * check). The index stores, with each commit, the feed position it has caught up to, so an instance that was down
 * reindexes at startup only what changed meanwhile.
 *
 * <p>Chinese is analysed into overlapping character pairs (CJK bigrams), so a search for 中美关系 finds the text
 * without any word segmentation: it becomes the phrase 中美 美关 关系. English is stemmed.
 */
@Component
class LibraryIndex {

    private static final Logger log = LoggerFactory.getLogger(LibraryIndex.class);
    /** In each index commit: the change feed position the index has caught up to. */
    private static final String FEED_POSITION = "feed_position";

    private final JdbcTemplate jdbc;
    private final ChangeFeed feed;
    private final TransactionTemplate newReadTransaction;
    private final Analyzer analyzer = new PerFieldAnalyzerWrapper(new CJKAnalyzer(),
            Map.of(EN, new EnglishAnalyzer()));
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final IndexQueries queries = new IndexQueries(analyzer);
    /** Whether the index changed since the searcher was last refreshed. */
    private volatile boolean stale;
    private final Object writeLock = new Object();
    /** The feed position stored with the last index commit. */
    private long committedPosition = -1;
    private final ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("library-index-commit").factory());

    LibraryIndex(JdbcTemplate jdbc, PlatformTransactionManager transactions, ChangeFeed feed,
                 @Value("${duizhao.library.index-dir:${duizhao.data-dir}/index}") String indexDir) throws IOException {
        this.jdbc = jdbc;
        this.feed = feed;
        this.newReadTransaction = new TransactionTemplate(transactions);
        newReadTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        newReadTransaction.setReadOnly(true);
        this.directory = openDirectory(indexDir);
        this.writer = openWriter(directory, indexDir);
        this.searchers = new SearcherManager(writer, null);
        committer.scheduleWithFixedDelay(this::commitQuietly, 5, 5, TimeUnit.SECONDS);
    }

    private static Directory openDirectory(String indexDir) throws IOException {
        if (indexDir == null || indexDir.isBlank()) {
            return new ByteBuffersDirectory();
        }
        Path path = Path.of(indexDir);
        Files.createDirectories(path);
        return FSDirectory.open(path);
    }

    private IndexWriter openWriter(Directory directory, String indexDir) throws IOException {
        try {
            return new IndexWriter(directory, writerConfig(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
        } catch (LockObtainFailedException e) {
            throw inUse(indexDir, e);
        } catch (IOException | RuntimeException e) {
            // A damaged index is only a cache of the database: start a new one, the startup check rebuilds it.
            log.warn("The search index in {} cannot be opened ({}); it will be rebuilt", indexDir, e.toString());
            try {
                return new IndexWriter(directory, writerConfig(IndexWriterConfig.OpenMode.CREATE));
            } catch (LockObtainFailedException locked) {
                throw inUse(indexDir, locked);
            }
        }
    }

    /** Two instances cannot share one index folder: the second one stops at startup and says why. */
    private static IllegalStateException inUse(String indexDir, LockObtainFailedException e) {
        return new IllegalStateException("The search index in " + Path.of(indexDir).toAbsolutePath()
                + " is in use by another Duizhao instance. Give each instance its own data folder (DUIZHAO_DATA_DIR)"
                + " or index folder (duizhao.library.index-dir); they can share the database.", e);
    }

    private IndexWriterConfig writerConfig(IndexWriterConfig.OpenMode mode) {
        IndexWriterConfig config = new IndexWriterConfig(analyzer);
        config.setOpenMode(mode);
        config.setRAMBufferSizeMB(64);
        return config;
    }

    /** How many indexed articles have an owner (an index written before accounts has none). */
    int countWithOwner() {
        return withSearcher(searcher -> searcher.count(
                new org.apache.lucene.search.WildcardQuery(new Term(OWNER, "*"))));
    }

    /** The change feed position stored with the last index commit, or null when there is none. */
    Long storedPosition() {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> entry : data) {
                if (FEED_POSITION.equals(entry.getKey())) {
                    return Long.parseLong(entry.getValue());
                }
            }
        }
        return null;
    }

    /** Commits the index with the feed position it has caught up to. Call under {@link #writeLock}. */
    private void commit(long position) throws IOException {
        writer.setLiveCommitData(Map.of(FEED_POSITION, Long.toString(position)).entrySet());
        writer.commit();
        committedPosition = position;
    }

    long articleCount() {
        Long count = jdbc.queryForObject("select count(*) from article", Long.class);
        return count == null ? 0 : count;
    }

    /** How many articles the index holds. */
    int indexedCount() {
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    /** Throws the index away and indexes every stored article again; returns how many. */
    int rebuild() {
        synchronized (writeLock) {
            try {
                long position = feed.position();
                writer.deleteAll();
                int[] count = {0};
                IndexDocuments.Loader loader = new IndexDocuments.Loader(article -> {
                    try {
                        writer.addDocument(IndexDocuments.document(article));
                        count[0]++;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                newReadTransaction.executeWithoutResult(status -> jdbc.query(connection -> {
                    var statement = connection.prepareStatement(IndexDocuments.Loader.ALL_SQL);
                    statement.setFetchSize(1000);
                    return statement;
                }, loader::row));
                loader.finish();
                commit(position);
                searchers.maybeRefreshBlocking();
                return count[0];
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Brings the index up to date for these articles (deleting those no longer stored). */
    void reindex(Collection<Long> articleIds) {
        reindex(articleIds, true);
    }

    /**
     * Brings the index up to date for these articles, reading them in a new read-only transaction, or (after a
     * commit, {@code newTransaction} false) through the connection the thread already holds.
     */
    void reindexAfterCommit(Collection<Long> articleIds) {
        reindex(articleIds, false);
    }

    private void reindex(Collection<Long> articleIds, boolean newTransaction) {
        if (articleIds.isEmpty()) {
            return;
        }
        try {
            List<IndexDocuments.Indexed> loaded = new ArrayList<>();
            Runnable load = () -> {
                for (long id : articleIds) {
                    IndexDocuments.Loader loader = new IndexDocuments.Loader(loaded::add);
                    jdbc.query(IndexDocuments.Loader.ONE_SQL, loader::row, id);
                    loader.finish();
                }
            };
            if (newTransaction) {
                newReadTransaction.executeWithoutResult(status -> load.run());
            } else {
                load.run();
            }
            synchronized (writeLock) {
                for (long id : articleIds) {
                    writer.deleteDocuments(new Term(ID, Long.toString(id)));
                }
                for (IndexDocuments.Indexed article : loaded) {
                    writer.updateDocument(new Term(ID, Long.toString(article.id())), IndexDocuments.document(article));
                }
            }
            // Searches refresh first (see withSearcher): a bulk import does not flush a segment per article.
            stale = true;
        } catch (IOException | RuntimeException e) {
            // The article is stored; only its index entry lags. The next startup check repairs the index.
            log.error("Could not update the search index for articles {}", articleIds, e);
        }
    }

    /** The matching article ids of one owner in order, and how many match in all. */
    Hits search(LibraryQuery query, long ownerId) {
        Query lucene = new BooleanQuery.Builder()
                .add(queries.toLucene(query), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(OWNER, Long.toString(ownerId))), BooleanClause.Occur.FILTER)
                .build();
        return withSearcher(searcher -> {
            int total = searcher.count(lucene);
            int wanted = Math.min(query.offset() + query.limit(), Math.max(total, 1));
            if (query.limit() == 0 || query.offset() >= total) {
                return new Hits(List.of(), total);
            }
            TopDocs top = searcher.search(lucene, wanted, IndexQueries.sort(query), false);
            StoredFields stored = searcher.storedFields();
            List<Long> ids = new ArrayList<>();
            ScoreDoc[] docs = top.scoreDocs;
            for (int i = query.offset(); i < docs.length; i++) {
                ids.add(Long.parseLong(stored.document(docs[i].doc).get(ID)));
            }
            return new Hits(ids, total);
        });
    }

    /** Every value of a keyword field (sources or tags), sorted. */
    List<String> values(boolean tags) {
        String field = tags ? TAG : SOURCE;
        return withSearcher(searcher -> {
            Terms terms = MultiTerms.getTerms(searcher.getIndexReader(), field);
            List<String> values = new ArrayList<>();
            if (terms != null) {
                TermsEnum iterator = terms.iterator();
                for (BytesRef term = iterator.next(); term != null; term = iterator.next()) {
                    values.add(term.utf8ToString());
                }
            }
            return values;
        });
    }

    record Hits(List<Long> ids, long total) {
    }

    private interface SearchWork<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearchWork<T> work) {
        try {
            if (stale) {
                stale = false;
                searchers.maybeRefreshBlocking();
            }
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.run(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void commitQuietly() {
        try {
            long position = feed.position();
            synchronized (writeLock) {
                if (writer.isOpen() && (writer.hasUncommittedChanges() || position != committedPosition)) {
                    commit(position);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not commit the search index: {}", e.toString());
        }
    }

    @PreDestroy
    void close() throws IOException {
        committer.shutdownNow();
        synchronized (writeLock) {
            searchers.close();
            if (writer.isOpen()) {
                commit(feed.position());
                writer.close();
            }
            directory.close();
        }
    }
}
