package app.duizhao.library;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An article to store ({@link ArticleEditor#create}): a cleaned import, or an article read back from a JSON export
 * with its translations and the user's work on its blocks. The library computes its content hash
 * ({@link ArticleContent#hash}) and gives it to the current user.
 *
 * @param tags       its tags (the source's, or the user's from an export); normalised as every tag is
 * @param removed    what the cleaner removed, in document order
 */
public record NewArticle(String title, String language, String author, String sourceName, String sourceUrl,
                         OffsetDateTime publishedAt, List<String> tags, List<String> categories,
                         String originalFileName, String summary, String summaryKind, String summaryModel,
                         String translationKind, String translationModel, List<Block> blocks,
                         List<Removed> removed) {

    public NewArticle {
        tags = tags == null ? List.of() : List.copyOf(tags);
        categories = categories == null ? List.of() : List.copyOf(categories);
        blocks = List.copyOf(blocks);
        removed = removed == null ? List.of() : List.copyOf(removed);
    }

    /** A block in reading order, with whatever is already known about it (all {@code null} for a fresh import). */
    public record Block(String kind, String text, String imageUrl, String machineEnglish, String machineKind,
                        String machineModel, String translationError, String correctedEnglish, String note) {

        /** A block as the cleaner made it: no English, no note. */
        public static Block cleaned(String kind, String text, String imageUrl) {
            return new Block(kind, text, imageUrl, null, null, null, null, null, null);
        }
    }

    /** Something the cleaner removed, and the position of the kept block it stood before (null: unknown). */
    public record Removed(String reason, String text, Integer nextBlock) {
    }
}
