package app.duizhao.library;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * What the search index holds of an article: the fields of its document, and the reading of articles with their
 * blocks from the database into them.
 */
final class IndexDocuments {

    static final String ID = "id";
    static final String TITLE = "title";
    static final String ZH = "zh";
    static final String EN = "en";
    static final String SOURCE = "source";
    static final String TAG = "tag";
    static final String STATUS = "status";
    static final String PUBLISHED_DAY = "published_day";
    static final String PUBLISHED_SORT = "published_sort";
    static final String IMPORTED_SORT = "imported_sort";
    static final String TITLE_SORT = "title_sort";
    static final String SOURCE_SORT = "source_sort";
    static final String ID_SORT = "id_sort";
    /** The owner's account id: every search is limited to one owner's articles. */
    static final String OWNER = "owner";

    private IndexDocuments() {
    }

    /** What the index needs of an article. */
    record Indexed(long id, long ownerId, String title, String source, String tags, OffsetDateTime publishedAt,
                   OffsetDateTime importedAt, String translationKind, String chinese, String english,
                   int translatable, int translated) {
    }

    static Document document(Indexed article) {
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
    static final class Loader {

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
}
