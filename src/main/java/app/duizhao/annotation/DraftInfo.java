package app.duizhao.annotation;

import java.time.OffsetDateTime;

/** An autosaved draft: the unsaved text of one editor. */
public record DraftInfo(long articleId, int blockPosition, DraftField field, String text, OffsetDateTime savedAt) {
}
