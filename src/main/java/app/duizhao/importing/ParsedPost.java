package app.duizhao.importing;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A post as read from a file or a paste, before cleaning.
 *
 * @param title       the title (never blank: falls back to the file name or the first line)
 * @param author      the author or outlet, may be {@code null}
 * @param sourceName  the outlet shown in the library (front matter {@code categories}, else {@code tags}, else author)
 * @param sourceUrl   the original link (front matter {@code from}), may be {@code null}
 * @param publishedAt the publication time, may be {@code null}
 * @param tags        front matter tags
 * @param categories  front matter categories
 * @param body        the body: HTML for {@link BodyFormat#HTML}, plain text for {@link BodyFormat#TEXT}
 * @param bodyFormat  how to read {@code body}
 * @param titleFromBody whether the title is the body's first line (then the cleaner must not drop that line as a
 *                      repeated title)
 */
public record ParsedPost(String title, String author, String sourceName, String sourceUrl, OffsetDateTime publishedAt,
                         List<String> tags, List<String> categories, String body, BodyFormat bodyFormat,
                         boolean titleFromBody) {

    public ParsedPost {
        tags = tags == null ? List.of() : List.copyOf(tags);
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /** A post whose title was given (front matter, page metadata), not taken from its body's first line. */
    public ParsedPost(String title, String author, String sourceName, String sourceUrl, OffsetDateTime publishedAt,
                      List<String> tags, List<String> categories, String body, BodyFormat bodyFormat) {
        this(title, author, sourceName, sourceUrl, publishedAt, tags, categories, body, bodyFormat, false);
    }

    /** How a post's body is written. */
    public enum BodyFormat { HTML, MARKDOWN, TEXT }
}
