package app.duizhao.importing;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The publication dates posts and pages write, in every form we meet, read as an instant with its offset. */
final class PostDates {

    private static final DateTimeFormatter SPACED_WITH_ZONE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS] Z");
    private static final DateTimeFormatter SPACED_WITH_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]xxx");
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss][.SSS]");

    private PostDates() {
    }

    /**
     * Parses ISO-8601 with offset or Z, {@code yyyy-MM-dd HH:mm:ss Z}, RFC 1123, local date-times (as UTC) and plain
     * dates; {@code null} for anything else.
     */
    static OffsetDateTime parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return OffsetDateTime.parse(v);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        for (DateTimeFormatter formatter : List.of(SPACED_WITH_ZONE, SPACED_WITH_OFFSET,
                DateTimeFormatter.RFC_1123_DATE_TIME)) {
            try {
                return OffsetDateTime.parse(v, formatter);
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        for (DateTimeFormatter formatter : List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME, SPACED)) {
            try {
                return LocalDateTime.parse(v, formatter).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        try {
            return LocalDate.parse(v).atStartOfDay().atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }
}
