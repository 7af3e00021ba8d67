package app.duizhao.library;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An article as the HTTP API shows it: metadata, blocks with their English, what the cleaner removed, and how
 * far its translation has come.
 *
 * @param sourceName         the outlet's name, may be {@code null}
 * @param sourceUrl          the original link, may be {@code null}
 * @param translatableBlocks how many blocks carry text
 * @param translatedBlocks   how many of them have English (machine or corrected)
 */
public record ArticleDetails(long id, String title, String author, String sourceName, String sourceUrl,
                             OffsetDateTime publishedAt, OffsetDateTime importedAt, String language,
                             List<String> tags, List<String> categories, String summary, String summaryKind,
                             String translationKind, List<Block> blocks, List<Removed> removed,
                             int translatableBlocks, int translatedBlocks) {

    public ArticleDetails {
        tags = List.copyOf(tags);
        categories = List.copyOf(categories);
        blocks = List.copyOf(blocks);
        removed = List.copyOf(removed);
    }

    /**
     * One block.
     *
     * @param english  the English to read (the user's correction, else the machine's), or {@code null}
     * @param imageUrl the picture's address for {@code image} blocks, else {@code null}
     */
    public record Block(int index, String kind, String text, String english, String imageUrl) {
    }

    /** Something the cleaner removed, and why. */
    public record Removed(String reason, String text) {
    }
}
