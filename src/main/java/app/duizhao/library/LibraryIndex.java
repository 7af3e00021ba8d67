package app.duizhao.library;

import app.duizhao.sync.ChangeFeed;
import jakarta.annotation.PreDestroy;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
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
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The library's search index (Apache Lucene): one document per article with its title, Chinese text and English
 * for full-text search, and its source, tags, translation state and dates for filtering and sorting. The database
 * stays the truth; the index follows it: every committed change to an article or a block reindexes that article
 * (it listens to the {@link LibraryEvent}s the library publishes), and at startup the index is rebuilt when it is
 * missing or does not hold the same number of articles as the database.
 *
 * <p>Several instances on one database each keep an index of their own (in their own folder): every change is also
 * published on the {@link ChangeFeed}, and each instance reindexes the articles the others changed within a
 * second or two. The index stores, with each commit, the feed position it has caught up to, so an instance that was
 * down reindexes at startup only what changed meanwhile (or everything, when that part of the feed is pruned).
 *
 * <p>Chinese is analysed into overlapping character pairs (CJK bigrams), so a search for 中美关系 finds the text
 * without any word segmentation: it becomes the phrase 中美 美关 关系. English is stemmed.
 */
@Component
class LibraryIndex {

    private static final Logger log = LoggerFactory.getLogger(LibraryIndex.class);
    private static final Pattern QUOTED_OR_WORD = Pattern.compile("\"([^\"]*)\"|(\\S+)");
    private static final String ID = "id";
    private static final String TITLE = "title";
    private static final String ZH = "zh";
    private static final String EN = "en";
    private static final String SOURCE = "source";
    private static final String TAG = "tag";
    private static final String STATUS = "status";
    private static final String PUBLISHED_DAY = "published_day";
    private static final String PUBLISHED_SORT = "published_sort";
    private static final String IMPORTED_SORT = "imported_sort";
    private static final String TITLE_SORT = "title_sort";
    private static final String SOURCE_SORT = "source_sort";
    private static final String ID_SORT = "id_sort";
    /** The owner's account id: every search is limited to one owner's articles. */
    private static final String OWNER = "owner";
    /** The change feed's topic: the item is an article id. */
    static final String TOPIC = "article";
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
    private final Object pendingKey = new Object();
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
        // Articles other instances changed: read them again (the ones deleted leave the index).
        feed.subscribe(TOPIC, this::reindex);
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

    /** At startup: rebuilds the index when it does not match the database (missing, stale or damaged). */
    @EventListener(ApplicationReadyEvent.class)
    void checkOnStartup() {
        long stored = articleCount();
        int indexed = indexedCount();
        // An index written before accounts has no owner on its entries: rebuild it once.
        int withOwner = withSearcher(searcher -> searcher.count(
                new org.apache.lucene.search.WildcardQuery(new Term(OWNER, "*"))));
        if (stored != indexed || withOwner != indexed) {
            log.info("The search index holds {} articles, the database {}: rebuilding it", indexed, stored);
            rebuild();
            return;
        }
        catchUp();
    }

    /**
     * Reindexes what other instances changed while this one was not running (from the feed position stored with
     * the index), or everything when the feed no longer reaches back that far.
     */
    private void catchUp() {
        Long position = storedPosition();
        if (position == null) {
            return; // an index written before the feed existed, or a new one: the count check above is all we have
        }
        Set<Long> changed = feed.changesSince(position, TOPIC);
        if (changed == null) {
            log.info("The search index may have missed changes made while this instance was down: rebuilding it");
            rebuild();
        } else if (!changed.isEmpty()) {
            log.info("Reindexing {} articles changed while this instance was down", changed.size());
            reindex(changed);
        }
    }

    private Long storedPosition() {
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
                Loader loader = new Loader(article -> {
                    try {
                        writer.addDocument(document(article));
                        count[0]++;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                newReadTransaction.executeWithoutResult(status -> jdbc.query(connection -> {
                    var statement = connection.prepareStatement(Loader.ALL_SQL);
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

    /**
     * Notes that an article changed: it is reindexed once the current transaction commits (at once when there is
     * none), so the index never shows what was rolled back.
     */
    void changed(long articleId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            feed.publish(TOPIC, articleId);
            reindex(List.of(articleId));
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
                    reindex(List.copyOf(ids), false);
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

    /** Every change the library publishes reindexes its article once the transaction commits. */
    @EventListener
    void on(LibraryEvent event) {
        changed(event.articleId());
    }

    /** Brings the index up to date for these articles (deleting those no longer stored). */
    void reindex(Collection<Long> articleIds) {
        reindex(articleIds, true);
    }

    /**
     * Brings the index up to date for these articles, reading them in a new read-only transaction, or (after a
     * commit, {@code newTransaction} false) through the connection the thread already holds.
     */
    private void reindex(Collection<Long> articleIds, boolean newTransaction) {
        if (articleIds.isEmpty()) {
            return;
        }
        try {
            List<Indexed> loaded = new ArrayList<>();
            Runnable load = () -> {
                for (long id : articleIds) {
                    Loader loader = new Loader(loaded::add);
                    jdbc.query(Loader.ONE_SQL, loader::row, id);
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
                for (Indexed article : loaded) {
                    writer.updateDocument(new Term(ID, Long.toString(article.id())), document(article));
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
                .add(toLucene(query), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(OWNER, Long.toString(ownerId))), BooleanClause.Occur.FILTER)
                .build();
        return withSearcher(searcher -> {
            int total = searcher.count(lucene);
            int wanted = Math.min(query.offset() + query.limit(), Math.max(total, 1));
            if (query.limit() == 0 || query.offset() >= total) {
                return new Hits(List.of(), total);
            }
            TopDocs top = searcher.search(lucene, wanted, sort(query), false);
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

    // --- Queries ---

    Query toLucene(LibraryQuery query) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        boolean any = false;
        if (query.text() != null) {
            Matcher matcher = QUOTED_OR_WORD.matcher(query.text());
            while (matcher.find()) {
                String word = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                Query wordQuery = wordQuery(word);
                if (wordQuery != null) {
                    builder.add(wordQuery, BooleanClause.Occur.MUST);
                    any = true;
                }
            }
        }
        if (query.source() != null) {
            builder.add(new TermQuery(new Term(SOURCE, query.source())), BooleanClause.Occur.FILTER);
            any = true;
        }
        if (query.tag() != null) {
            builder.add(new TermQuery(new Term(TAG, query.tag())), BooleanClause.Occur.FILTER);
            any = true;
        }
        if (!query.statuses().isEmpty()) {
            BooleanQuery.Builder statuses = new BooleanQuery.Builder();
            for (ArticleSummary.TranslationState state : query.statuses()) {
                statuses.add(new TermQuery(new Term(STATUS, state.name())), BooleanClause.Occur.SHOULD);
            }
            builder.add(statuses.build(), BooleanClause.Occur.FILTER);
            any = true;
        }
        if (query.from() != null || query.to() != null) {
            long from = query.from() == null ? Long.MIN_VALUE : query.from().toEpochDay();
            long to = query.to() == null ? Long.MAX_VALUE : query.to().toEpochDay();
            builder.add(LongPoint.newRangeQuery(PUBLISHED_DAY, from, to), BooleanClause.Occur.FILTER);
            any = true;
        }
        return any ? builder.build() : new MatchAllDocsQuery();
    }

    /** One search word (or quoted phrase): it must occur in the title, the Chinese text or the English. */
    private Query wordQuery(String word) {
        BooleanQuery.Builder fields = new BooleanQuery.Builder();
        int clauses = 0;
        for (String field : List.of(TITLE, ZH, EN)) {
            Query fieldQuery = fieldQuery(field, word);
            if (fieldQuery != null) {
                fields.add(TITLE.equals(field) ? new BoostQuery(fieldQuery, 3f) : fieldQuery,
                        BooleanClause.Occur.SHOULD);
                clauses++;
            }
        }
        return clauses == 0 ? null : fields.build();
    }

    private Query fieldQuery(String field, String word) {
        List<String> terms = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, new StringReader(word))) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                terms.add(term.toString());
                positions.add(position);
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (terms.isEmpty()) {
            return null;
        }
        if (terms.size() == 1) {
            String only = terms.getFirst();
            if (!EN.equals(field) && only.codePointCount(0, only.length()) == 1 && isHan(only.codePointAt(0))) {
                // One Chinese character: the index holds pairs, so look for the pairs that start with it too.
                return new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(field, only)), BooleanClause.Occur.SHOULD)
                        .add(new PrefixQuery(new Term(field, only)), BooleanClause.Occur.SHOULD)
                        .build();
            }
            return new TermQuery(new Term(field, only));
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        for (int i = 0; i < terms.size(); i++) {
            phrase.add(new Term(field, terms.get(i)), positions.get(i));
        }
        return phrase.build();
    }

    private static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    private static Sort sort(LibraryQuery query) {
        boolean reverse = !query.ascending();
        SortField tieBreak = new SortField(ID_SORT, SortField.Type.LONG, reverse);
        return switch (query.effectiveSort()) {
            case RELEVANCE -> new Sort(SortField.FIELD_SCORE, new SortField(IMPORTED_SORT, SortField.Type.LONG, true),
                    new SortField(ID_SORT, SortField.Type.LONG, true));
            case IMPORTED -> new Sort(new SortField(IMPORTED_SORT, SortField.Type.LONG, reverse), tieBreak);
            case PUBLISHED -> {
                SortField published = new SortField(PUBLISHED_SORT, SortField.Type.LONG, reverse);
                // Articles without a date come last either way.
                published.setMissingValue(reverse ? Long.MIN_VALUE : Long.MAX_VALUE);
                yield new Sort(published, tieBreak);
            }
            case TITLE -> new Sort(new SortField(TITLE_SORT, SortField.Type.STRING, reverse), tieBreak);
            case SOURCE -> {
                SortField source = new SortField(SOURCE_SORT, SortField.Type.STRING, reverse);
                source.setMissingValue(reverse ? SortField.STRING_FIRST : SortField.STRING_LAST);
                yield new Sort(source, tieBreak);
            }
        };
    }

    // --- Documents ---

    /** What the index needs of an article. */
    record Indexed(long id, long ownerId, String title, String source, String tags, OffsetDateTime publishedAt,
                   OffsetDateTime importedAt, String translationKind, String chinese, String english,
                   int translatable, int translated) {
    }

    private static Document document(Indexed article) {
        Document doc = new Document();
        doc.add(new StringField(ID, Long.toString(article.id()), Field.Store.YES));
        doc.add(new NumericDocValuesField(ID_SORT, article.id()));
        doc.add(new StringField(OWNER, Long.toString(article.ownerId()), Field.Store.NO));
        doc.add(new TextField(TITLE, article.title(), Field.Store.NO));
        doc.add(new SortedDocValuesField(TITLE_SORT, sortKey(article.title())));
        doc.add(new TextField(ZH, article.chinese(), Field.Store.NO));
        doc.add(new TextField(EN, article.english(), Field.Store.NO));
        if (article.source() != null && !article.source().isBlank()) {
            doc.add(new StringField(SOURCE, article.source(), Field.Store.NO));
            doc.add(new SortedDocValuesField(SOURCE_SORT, sortKey(article.source())));
        }
        for (String tag : LibraryService.splitList(article.tags())) {
            doc.add(new StringField(TAG, tag, Field.Store.NO));
        }
        ArticleSummary.TranslationState state = new ArticleSummary(article.id(), article.title(), article.source(),
                article.publishedAt(), article.importedAt(), null, article.translationKind(), article.translatable(),
                article.translated()).state();
        doc.add(new StringField(STATUS, state.name(), Field.Store.NO));
        if (article.publishedAt() != null) {
            doc.add(new LongPoint(PUBLISHED_DAY, article.publishedAt().toLocalDate().toEpochDay()));
            doc.add(new NumericDocValuesField(PUBLISHED_SORT, article.publishedAt().toInstant().toEpochMilli()));
        }
        doc.add(new NumericDocValuesField(IMPORTED_SORT, article.importedAt().toInstant().toEpochMilli()));
        return doc;
    }

    private static BytesRef sortKey(String text) {
        String key = text.strip().toLowerCase(Locale.ROOT);
        return new BytesRef(key.length() > 200 ? key.substring(0, 200) : key);
    }

    /** Reads articles with their blocks from one ordered result set (article columns repeat on each block row). */
    private static final class Loader {

        private static final String COLUMNS = """
                select a.id, a.title, a.source_name, a.tags, a.published_at, a.imported_at, a.translation_kind,
                       b.kind, b.text, b.machine_english, b.corrected_english, a.owner_id
                from article a left join article_block b on b.article_id = a.id""";
        static final String ONE_SQL = COLUMNS + " where a.id = ? order by b.position";
        static final String ALL_SQL = COLUMNS + " order by a.id, b.position";

        private final java.util.function.Consumer<Indexed> sink;
        private long id = -1;
        private long ownerId;
        private String title;
        private String source;
        private String tags;
        private OffsetDateTime publishedAt;
        private OffsetDateTime importedAt;
        private String translationKind;
        private StringBuilder chinese = new StringBuilder();
        private StringBuilder english = new StringBuilder();
        private int translatable;
        private int translated;

        Loader(java.util.function.Consumer<Indexed> sink) {
            this.sink = sink;
        }

        void row(ResultSet rs) throws SQLException {
            long rowId = rs.getLong(1);
            if (rowId != id) {
                finish();
                id = rowId;
                title = rs.getString(2);
                source = rs.getString(3);
                tags = rs.getString(4);
                publishedAt = rs.getObject(5, OffsetDateTime.class);
                importedAt = rs.getObject(6, OffsetDateTime.class);
                translationKind = rs.getString(7);
                ownerId = rs.getLong(12);
            }
            String kind = rs.getString(8);
            if (kind == null || "image".equals(kind)) {
                return;
            }
            String text = rs.getString(9);
            String machine = rs.getString(10);
            String corrected = rs.getString(11);
            chinese.append(text).append('\n');
            translatable++;
            String en = corrected != null ? corrected : machine;
            if (en != null) {
                english.append(en).append('\n');
                translated++;
            }
        }

        void finish() {
            if (id >= 0) {
                sink.accept(new Indexed(id, ownerId, title, source, tags, publishedAt, importedAt, translationKind,
                        chinese.toString(), english.toString(), translatable, translated));
            }
            id = -1;
            chinese = new StringBuilder();
            english = new StringBuilder();
            translatable = 0;
            translated = 0;
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
