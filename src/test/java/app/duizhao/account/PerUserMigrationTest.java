package app.duizhao.account;

import app.duizhao.testsupport.PostgresSchema;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V8 on a database that already holds study data from before it: every row gets an owner (the owner of the article
 * it came from, else the built-in local user), and the new per-owner keys hold. Runs on H2, and on PostgreSQL when
 * {@code DUIZHAO_TEST_POSTGRES_URL} is set (in a schema of its own).
 */
class PerUserMigrationTest {

    @Test
    void existingStudyDataBecomesTheLocalUsersOrTheArticleOwnersOnH2() {
        DriverManagerDataSource h2 = new DriverManagerDataSource(
                "jdbc:h2:mem:v8-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        migrateWithDataFromBefore(h2, null);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "DUIZHAO_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.*",
            disabledReason = "DUIZHAO_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against")
    void existingStudyDataBecomesTheLocalUsersOrTheArticleOwnersOnPostgres() {
        String schema = PostgresSchema.newName();
        DriverManagerDataSource pg = PostgresSchema.dataSource(schema);
        try {
            migrateWithDataFromBefore(pg, schema);
        } finally {
            PostgresSchema.drop(pg, schema);
        }
    }

    private static void migrateWithDataFromBefore(DataSource dataSource, String schema) {
        var config = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (schema != null) {
            config.schemas(schema).createSchemas(true);
        }
        config.target("7").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);

        // Before V8: a second account (accounts existed since V7) with an article, and study data of the time.
        jdbc.sql("INSERT INTO app_user (id, username, password_hash, role, created_at, enabled) "
                + "VALUES (7, 'seven', 'x', 'USER', CURRENT_TIMESTAMP, TRUE)").update();
        long local = article(jdbc, 1);
        long ofSeven = article(jdbc, 7);
        jdbc.sql("INSERT INTO vocabulary_entry (simplified, article_id, status, added_at, updated_at) VALUES "
                + "('大使', ?, 'KNOWN', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP), "
                + "('外交', ?, 'LEARNING', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP), "
                + "('银行', NULL, 'LEARNING', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").params(local, ofSeven).update();
        jdbc.sql("INSERT INTO segmentation_rule (kind, word, parts, created_at) "
                + "VALUES ('SPLIT', '大使', '大|使', CURRENT_TIMESTAMP)").update();
        jdbc.sql("INSERT INTO reader_preferences (id, theme, font_size, display_mode, lookup_on_hover, tone_colours, "
                + "show_hsk, mark_new_words) VALUES (1, 'dark', 24, 'CHINESE_ONLY', TRUE, FALSE, TRUE, FALSE)").update();
        jdbc.sql("INSERT INTO article_reading_state (article_id, pinyin, position) VALUES (?, TRUE, 3), (?, FALSE, 5)")
                .params(local, ofSeven).update();
        jdbc.sql("INSERT INTO llm_usage (created_at, usage_day, article_id, provider, model, purpose, prompt_tokens, "
                + "completion_tokens, estimated) VALUES (CURRENT_TIMESTAMP, CURRENT_DATE, ?, 'openai', 'm', 'translate',"
                + " 10, 5, FALSE), (CURRENT_TIMESTAMP, CURRENT_DATE, NULL, 'openai', 'm', 'explain', 1, 1, FALSE)")
                .param(ofSeven).update();
        jdbc.sql("INSERT INTO translation_cache (text_hash, target_language, provider, model, prompt_version, "
                + "glossary_version, translation, created_at) VALUES ('h', 'en', 'openai', 'm', 'p1', '-', 'Hello', "
                + "CURRENT_TIMESTAMP)").update();

        config.target("latest").load().migrate();

        assertThat(jdbc.sql("SELECT simplified, owner_id FROM vocabulary_entry ORDER BY simplified")
                .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2)).list())
                .containsExactlyInAnyOrder("大使=1", "外交=7", "银行=1");
        assertThat(jdbc.sql("SELECT owner_id FROM segmentation_rule").query(Long.class).list()).containsExactly(1L);
        assertThat(jdbc.sql("SELECT owner_id, theme, font_size, display_mode FROM reader_preferences")
                .query((rs, n) -> rs.getLong(1) + " " + rs.getString(2) + " " + rs.getInt(3) + " " + rs.getString(4))
                .list()).containsExactly("1 dark 24 CHINESE_ONLY");
        assertThat(jdbc.sql("SELECT owner_id, article_id, position FROM article_reading_state ORDER BY position")
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), (long) rs.getInt(3))).list())
                .containsExactly(List.of(1L, local, 3L), List.of(7L, ofSeven, 5L));
        assertThat(jdbc.sql("SELECT purpose, owner_id FROM llm_usage").query((rs, n) -> Map.entry(rs.getString(1),
                rs.getLong(2))).list()).containsExactlyInAnyOrder(Map.entry("translate", 7L), Map.entry("explain", 1L));
        assertThat(jdbc.sql("SELECT owner_id, translation FROM delivered_translation")
                .query((rs, n) -> rs.getLong(1) + " " + rs.getString(2)).list()).containsExactly("1 Hello");

        // One word per person, not per server: seven may save 大使 too, but not twice.
        jdbc.sql("INSERT INTO vocabulary_entry (simplified, status, added_at, updated_at, owner_id) "
                + "VALUES ('大使', 'LEARNING', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 7)").update();
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO vocabulary_entry (simplified, status, added_at, updated_at, "
                + "owner_id) VALUES ('大使', 'LEARNING', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 7)").update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO vocabulary_entry (simplified, status, added_at, updated_at) "
                + "VALUES ('无主', 'LEARNING', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").update())
                .as("a word without an owner").isInstanceOf(DataIntegrityViolationException.class);
        jdbc.sql("INSERT INTO reader_preferences (owner_id, theme, font_size, display_mode, lookup_on_hover, "
                + "tone_colours, show_hsk, mark_new_words) VALUES (7, 'light', 18, 'SIDE_BY_SIDE', FALSE, FALSE, FALSE, "
                + "FALSE)").update();
        // An account's study data goes with it.
        jdbc.sql("DELETE FROM article WHERE owner_id = 7").update();
        jdbc.sql("DELETE FROM app_user WHERE id = 7").update();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM vocabulary_entry WHERE owner_id = 7").query(Integer.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM reader_preferences").query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM llm_usage").query(Integer.class).single())
                .as("usage is a cost record and stays").isEqualTo(2);
    }

    private static long article(JdbcClient jdbc, long owner) {
        String hash = UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("INSERT INTO article (title, language, content_hash, imported_at, owner_id) "
                + "VALUES ('t', 'zh', ?, CURRENT_TIMESTAMP, ?)").params(hash, owner).update();
        return jdbc.sql("SELECT id FROM article WHERE content_hash = ?").param(hash).query(Long.class).single();
    }
}
