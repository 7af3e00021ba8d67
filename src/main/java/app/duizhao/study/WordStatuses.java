package app.duizhao.study;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The {@code word_status} table: each person's status of a word (see {@link KnowledgeStatus}). */
final class WordStatuses {

    private final JdbcClient jdbc;

    WordStatuses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, KnowledgeStatus> all(long owner) {
        Map<String, KnowledgeStatus> map = new HashMap<>();
        jdbc.sql("SELECT word, status FROM word_status WHERE owner_id = ?").param(owner).query((rs, n) -> {
            try {
                map.put(rs.getString(1), KnowledgeStatus.valueOf(rs.getString(2)));
            } catch (IllegalArgumentException ignored) {
                // a status this version does not know: leave the word new
            }
            return null;
        }).list();
        return map;
    }

    /** Sets the status of each word (UPDATE, then INSERT where there was no row: plain SQL for H2 and PostgreSQL). */
    int set(long owner, Collection<String> words, KnowledgeStatus status, String source) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int changed = 0;
        for (String word : words) {
            if (status == KnowledgeStatus.NEW) {
                changed += jdbc.sql("DELETE FROM word_status WHERE owner_id = ? AND word = ?").params(owner, word).update();
                continue;
            }
            int updated = jdbc.sql("UPDATE word_status SET status = ?, source = ?, updated_at = ? WHERE owner_id = ? "
                    + "AND word = ?").params(status.name(), source, now, owner, word).update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO word_status (owner_id, word, status, source, updated_at) VALUES (?, ?, ?, ?, ?)")
                        .params(owner, word, status.name(), source, now).update();
            }
            changed++;
        }
        return changed;
    }
}
