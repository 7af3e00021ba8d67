package app.duizhao.annotation;

import java.time.OffsetDateTime;

/** A saved version as listed on the article page. */
public record VersionInfo(long articleId, int number, OffsetDateTime savedAt, String message) {
}
