package app.duizhao.library;

import java.time.LocalDate;
import java.util.Set;

/**
 * What the library shows: an optional full-text search, filters, a sort and a page.
 *
 * @param text      words to find in the title, the Chinese text and the English (Chinese needs no spaces; words
 *                  separated by spaces must all occur; {@code "quoted words"} must occur together); blank for all
 * @param source    only articles from this outlet (exact name), or {@code null}
 * @param tag       only articles with this tag (exact), or {@code null}
 * @param statuses  only articles in one of these translation states; empty for all
 * @param from      only articles published on or after this day (in the article's own time zone), or {@code null}
 * @param to        only articles published on or before this day, or {@code null}
 * @param sort      the order; {@code null} means relevance when searching, else newest import first
 * @param ascending whether the sort runs ascending
 * @param offset    the first row to return
 * @param limit     how many rows to return at most
 */
public record LibraryQuery(String text, String source, String tag, Set<ArticleSummary.TranslationState> statuses,
                           LocalDate from, LocalDate to, Sort sort, boolean ascending, int offset, int limit) {

    /** What the rows can be ordered by. */
    public enum Sort { RELEVANCE, IMPORTED, PUBLISHED, TITLE, SOURCE }

    public LibraryQuery {
        text = text == null || text.isBlank() ? null : text.strip();
        source = source == null || source.isBlank() ? null : source;
        tag = tag == null || tag.isBlank() ? null : tag;
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        offset = Math.max(0, offset);
        limit = Math.clamp(limit, 0, 10_000);
    }

    /** Everything, newest import first, the first {@code limit} rows. */
    public static LibraryQuery all(int limit) {
        return new LibraryQuery(null, null, null, Set.of(), null, null, null, false, 0, limit);
    }

    /** A full-text search over everything, best match first. */
    public static LibraryQuery search(String text, int limit) {
        return new LibraryQuery(text, null, null, Set.of(), null, null, null, false, 0, limit);
    }

    public LibraryQuery withText(String text) {
        return new LibraryQuery(text, source, tag, statuses, from, to, sort, ascending, offset, limit);
    }

    public LibraryQuery withSource(String source) {
        return new LibraryQuery(text, source, tag, statuses, from, to, sort, ascending, offset, limit);
    }

    public LibraryQuery withTag(String tag) {
        return new LibraryQuery(text, source, tag, statuses, from, to, sort, ascending, offset, limit);
    }

    public LibraryQuery withStatuses(Set<ArticleSummary.TranslationState> statuses) {
        return new LibraryQuery(text, source, tag, statuses, from, to, sort, ascending, offset, limit);
    }

    public LibraryQuery withDates(LocalDate from, LocalDate to) {
        return new LibraryQuery(text, source, tag, statuses, from, to, sort, ascending, offset, limit);
    }

    public LibraryQuery withSort(Sort sort, boolean ascending) {
        return new LibraryQuery(text, source, tag, statuses, from, to, sort, ascending, offset, limit);
    }

    public LibraryQuery withPage(int offset, int limit) {
        return new LibraryQuery(text, source, tag, statuses, from, to, sort, ascending, offset, limit);
    }

    /** The sort actually applied. */
    public Sort effectiveSort() {
        if (sort != null && (sort != Sort.RELEVANCE || text != null)) {
            return sort;
        }
        return text != null ? Sort.RELEVANCE : Sort.IMPORTED;
    }
}
