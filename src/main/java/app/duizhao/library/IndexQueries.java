package app.duizhao.library;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static app.duizhao.library.IndexDocuments.EN;
import static app.duizhao.library.IndexDocuments.ID_SORT;
import static app.duizhao.library.IndexDocuments.IMPORTED_SORT;
import static app.duizhao.library.IndexDocuments.PUBLISHED_DAY;
import static app.duizhao.library.IndexDocuments.PUBLISHED_SORT;
import static app.duizhao.library.IndexDocuments.SOURCE;
import static app.duizhao.library.IndexDocuments.SOURCE_SORT;
import static app.duizhao.library.IndexDocuments.STATUS;
import static app.duizhao.library.IndexDocuments.TAG;
import static app.duizhao.library.IndexDocuments.TITLE;
import static app.duizhao.library.IndexDocuments.TITLE_SORT;
import static app.duizhao.library.IndexDocuments.ZH;

/**
 * A library query as a Lucene query and sort. Words (or quoted phrases) must each occur in the title, the Chinese
 * text or the English; Chinese is matched as character pairs, so it needs no word segmentation.
 */
final class IndexQueries {

    private static final Pattern QUOTED_OR_WORD = Pattern.compile("\"([^\"]*)\"|(\\S+)");

    private final Analyzer analyzer;

    IndexQueries(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

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

    static Sort sort(LibraryQuery query) {
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
}
