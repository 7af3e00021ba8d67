package app.duizhao.library;

import java.util.List;

/**
 * One page of library rows.
 *
 * @param rows  the rows of the page, in order
 * @param total how many articles match the query in all
 */
public record LibraryPage(List<ArticleSummary> rows, long total) {

    public LibraryPage {
        rows = List.copyOf(rows);
    }
}
