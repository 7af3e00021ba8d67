package app.duizhao.library;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A read-only picture of an article: either its current state or a saved version. The reader, the version
 * view and the exports all read this.
 *
 * @param versionNumber the saved version's number, or {@code null} for the current state
 * @param savedAt       when the version was saved, or {@code null} for the current state
 * @param message       the version's message, may be {@code null}
 * @param summaryModel  the model that wrote the summary, may be {@code null}
 */
public record ArticleSnapshot(long articleId, String title, String author, String sourceName, String sourceUrl,
                              OffsetDateTime publishedAt, List<String> tags, List<String> categories,
                              String language, String summary, String summaryKind, String translationKind,
                              String translationModel, Integer versionNumber, OffsetDateTime savedAt,
                              String message, List<SnapshotBlock> blocks, String summaryModel) {

    public ArticleSnapshot {
        tags = tags == null ? List.of() : List.copyOf(tags);
        categories = categories == null ? List.of() : List.copyOf(categories);
        blocks = List.copyOf(blocks);
    }

    /** A snapshot without the summary's model. */
    public ArticleSnapshot(long articleId, String title, String author, String sourceName, String sourceUrl,
                           OffsetDateTime publishedAt, List<String> tags, List<String> categories,
                           String language, String summary, String summaryKind, String translationKind,
                           String translationModel, Integer versionNumber, OffsetDateTime savedAt,
                           String message, List<SnapshotBlock> blocks) {
        this(articleId, title, author, sourceName, sourceUrl, publishedAt, tags, categories, language, summary,
                summaryKind, translationKind, translationModel, versionNumber, savedAt, message, blocks, null);
    }

    /** Whether the machine English is an offline dictionary gloss rather than a translation. */
    public boolean isOfflineGloss() {
        return "OFFLINE".equals(translationKind);
    }

    /** Whether the summary is an offline extract rather than an LLM summary. */
    public boolean isOfflineSummary() {
        return "OFFLINE".equals(summaryKind);
    }

    /** Whether this is a saved, read-only version. */
    public boolean isSavedVersion() {
        return versionNumber != null;
    }

    /**
     * One block of a snapshot.
     *
     * @param machineEnglish   the machine output (LLM translation or offline gloss), may be {@code null}
     * @param correctedEnglish the user's correction, may be {@code null}
     * @param error            why the last translation of this block failed, may be {@code null}
     * @param machineModel     the model that wrote the machine English, may be {@code null}
     */
    public record SnapshotBlock(int position, String kind, String text, String imageUrl, String machineEnglish,
                                String machineKind, String correctedEnglish, String error, String note,
                                String machineModel) {

        /** A block without the machine English's model. */
        public SnapshotBlock(int position, String kind, String text, String imageUrl, String machineEnglish,
                             String machineKind, String correctedEnglish, String error, String note) {
            this(position, kind, text, imageUrl, machineEnglish, machineKind, correctedEnglish, error, note, null);
        }

        /** The English to read: the user's correction if any, else the machine's. */
        public String english() {
            return correctedEnglish != null ? correctedEnglish : machineEnglish;
        }

        public boolean isImage() {
            return "image".equals(kind);
        }

        public boolean isCorrected() {
            return correctedEnglish != null;
        }

        /** Whether the machine English is an offline dictionary gloss rather than a translation. */
        public boolean isOfflineGloss() {
            return "OFFLINE".equals(machineKind);
        }
    }
}
