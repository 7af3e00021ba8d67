package app.duizhao.translation;

import java.time.OffsetDateTime;

/** One stored translation of a block's text, for comparing models. */
public record StoredTranslation(String provider, String model, String promptVersion, String text,
                                OffsetDateTime createdAt) {

    /** A label such as {@code openai · gpt-4o-mini}. */
    public String label() {
        return provider + " · " + model;
    }
}
