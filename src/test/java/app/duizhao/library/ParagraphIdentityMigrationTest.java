package app.duizhao.library;

import app.duizhao.testsupport.PostgresSchema;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import javax.sql.DataSource;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V12 on a database written by the schema before it: highlights, drafts, edit counts and vocabulary sentences that
 * named a paragraph by its position now name the block that stood there, by id; moving the blocks afterwards
 * moves none of those rows. Runs on H2, and on PostgreSQL when {@code DUIZHAO_TEST_POSTGRES_URL} is set (in a
 * schema of its own).
 */
class ParagraphIdentityMigrationTest {

    @Test
    void rowsKeptByPositionReferToTheirBlockAfterTheMigrationOnH2() {
        // One connection that stays open, as the application's pool keeps them: with a new connection per statement
        // (DriverManagerDataSource) H2 reported the CHECK constraint on highlight.side as invalid, "database closed".
        SingleConnectionDataSource h2 = new SingleConnectionDataSource(
                "jdbc:h2:mem:v12-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", true);
        try {
            migrateWithDataFromBefore(h2, null);
        } finally {
            h2.destroy();
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "DUIZHAO_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.*",
            disabledReason = "DUIZHAO_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against")
    void rowsKeptByPositionReferToTheirBlockAfterTheMigrationOnPostgres() {
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
        config.target("10").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);

        // Before V12: an article of three paragraphs with work kept by position, and one without blocks.
        long article = article(jdbc, "a");
        long first = block(jdbc, article, 0, "第一段。");
        long second = block(jdbc, article, 1, "第二段有大使。");
        long third = block(jdbc, article, 2, "第三段。");
        long empty = article(jdbc, "b");
        highlight(jdbc, article, 1, "二");
        highlight(jdbc, article, 7, "九");
        highlight(jdbc, empty, 0, "空");
        jdbc.sql("INSERT INTO draft (article_id, block_position, field, text, saved_at) VALUES "
                + "(?, 2, 'note', 'unsaved', CURRENT_TIMESTAMP), (?, 9, 'note', 'nowhere', CURRENT_TIMESTAMP)")
                .params(article, article).update();
        jdbc.sql("INSERT INTO block_revision (article_id, block_position, revision, updated_at) VALUES "
                + "(?, 0, 4, CURRENT_TIMESTAMP)").param(article).update();
        jdbc.sql("INSERT INTO vocabulary_entry (simplified, sentence, article_id, status, added_at, updated_at, "
                + "owner_id) VALUES ('大使', '第二段有大使。', ?, 'LEARNING', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1), "
                + "('银行', NULL, NULL, 'LEARNING', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)").param(article).update();

        config.target("latest").load().migrate();

        assertThat(jdbc.sql("SELECT exact, block_id FROM highlight ORDER BY exact")
                .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2)).list())
                .as("the highlight on a missing position is kept as an orphan on the last paragraph")
                .containsExactlyInAnyOrder("二=" + second, "九=" + third);
        assertThat(jdbc.sql("SELECT text, block_id FROM draft").query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2))
                .list()).containsExactly("unsaved=" + third);
        assertThat(jdbc.sql("SELECT block_id, revision FROM block_revision")
                .query((rs, n) -> rs.getLong(1) + "=" + rs.getLong(2)).list()).containsExactly(first + "=4");
        assertThat(jdbc.sql("SELECT simplified, block_id FROM vocabulary_entry ORDER BY simplified")
                .query((rs, n) -> rs.getString(1) + "=" + rs.getObject(2)).list())
                .containsExactlyInAnyOrder("大使=" + second, "银行=null");

        // Blocks move (a restored fragment goes in before the second): the rows stay on their paragraphs.
        jdbc.sql("UPDATE article_block SET position = position + 10 WHERE article_id = ? AND position >= 1")
                .param(article).update();
        jdbc.sql("UPDATE article_block SET position = position - 9 WHERE article_id = ? AND position >= 10")
                .param(article).update();
        block(jdbc, article, 1, "恢复的段落。");
        assertThat(jdbc.sql("SELECT b.text FROM highlight h JOIN article_block b ON b.id = h.block_id "
                + "WHERE h.exact = '二'").query(String.class).single()).isEqualTo("第二段有大使。");

        // One draft per paragraph and field; a row must name an existing block; they go with their block.
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO draft (article_id, block_id, field, text, saved_at) VALUES "
                + "(?, ?, 'note', 'again', CURRENT_TIMESTAMP)").params(article, third).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO block_revision (article_id, block_id, revision, updated_at) "
                + "VALUES (?, 999999, 0, CURRENT_TIMESTAMP)").param(article).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        jdbc.sql("DELETE FROM article WHERE id = ?").param(article).update();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM highlight").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT block_id FROM vocabulary_entry WHERE simplified = '大使'").query(Long.class)
                .optional()).isEmpty();
    }

    private static long article(JdbcClient jdbc, String title) {
        String hash = UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("INSERT INTO article (title, language, content_hash, imported_at, owner_id) "
                + "VALUES (?, 'zh', ?, CURRENT_TIMESTAMP, 1)").params(title, hash).update();
        return jdbc.sql("SELECT id FROM article WHERE content_hash = ?").param(hash).query(Long.class).single();
    }

    private static void highlight(JdbcClient jdbc, long article, int position, String exact) {
        jdbc.sql("INSERT INTO highlight (article_id, block_position, side, exact, start_offset, end_offset, colour, "
                + "created_at, updated_at) VALUES (?, ?, 'zh', ?, 0, 1, 'yellow', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .params(article, position, exact).update();
    }

    private static long block(JdbcClient jdbc, long article, int position, String text) {
        jdbc.sql("INSERT INTO article_block (article_id, position, kind, text) VALUES (?, ?, 'paragraph', ?)")
                .params(article, position, text).update();
        return jdbc.sql("SELECT id FROM article_block WHERE article_id = ? AND position = ?")
                .params(article, position).query(Long.class).single();
    }
}
