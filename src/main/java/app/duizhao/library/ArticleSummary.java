package app.duizhao.library;

import java.time.OffsetDateTime;

/**
 * A library row.
 *
 * @param translatableBlocks how many blocks carry text
 * @param translatedBlocks   how many of them have English (machine or corrected)
 */
public record ArticleSummary(long id, String title, String sourceName, OffsetDateTime publishedAt,
                             OffsetDateTime importedAt, String language, String translationKind,
                             long translatableBlocks, long translatedBlocks) {

    /** The state shown in the library. */
    public TranslationState state() {
        if (translatedBlocks == 0) {
            return TranslationState.NOT_TRANSLATED;
        }
        if (translatedBlocks < translatableBlocks) {
            return TranslationState.PARTLY_TRANSLATED;
        }
        return "OFFLINE".equals(translationKind) ? TranslationState.GLOSSED : TranslationState.TRANSLATED;
    }

    /** How far an article's English has come. */
    public enum TranslationState {
        NOT_TRANSLATED("Not translated"),
        PARTLY_TRANSLATED("Partly translated"),
        GLOSSED("Dictionary gloss (offline)"),
        TRANSLATED("Translated");

        private final String label;

        TranslationState(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
