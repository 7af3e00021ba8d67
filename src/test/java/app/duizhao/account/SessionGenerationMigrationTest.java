package app.duizhao.account;

import app.duizhao.testsupport.PostgresSchema;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V9 on a database with accounts from before it: every account starts at session generation 0, new accounts get 0
 * too, and the count goes up by one in place (as the account service bumps it).
 * Runs on H2, and on PostgreSQL when {@code DUIZHAO_TEST_POSTGRES_URL} is set (in a schema of its own).
 */
class SessionGenerationMigrationTest {

    @Test
    void existingAccountsStartAtSessionGenerationZeroOnH2() {
        migrateWithAccountsFromBefore(new DriverManagerDataSource(
                "jdbc:h2:mem:v9-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""), null);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "DUIZHAO_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.*",
            disabledReason = "DUIZHAO_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against")
    void existingAccountsStartAtSessionGenerationZeroOnPostgres() {
        String schema = PostgresSchema.newName();
        DriverManagerDataSource pg = PostgresSchema.dataSource(schema);
        try {
            migrateWithAccountsFromBefore(pg, schema);
        } finally {
            PostgresSchema.drop(pg, schema);
        }
    }

    private static void migrateWithAccountsFromBefore(DataSource dataSource, String schema) {
        var config = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (schema != null) {
            config.schemas(schema).createSchemas(true);
        }
        config.target("8").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("INSERT INTO app_user (id, username, password_hash, role, created_at, enabled) "
                + "VALUES (7, 'seven', 'x', 'USER', CURRENT_TIMESTAMP, TRUE)").update();

        config.target("latest").load().migrate();

        assertThat(jdbc.sql("SELECT id, session_generation FROM app_user ORDER BY id")
                .query((rs, n) -> rs.getLong(1) + "=" + rs.getLong(2)).list()).containsExactly("1=0", "7=0");
        jdbc.sql("INSERT INTO app_user (username, password_hash, role, created_at, enabled) "
                + "VALUES ('eight', 'x', 'USER', CURRENT_TIMESTAMP, TRUE)").update();
        assertThat(jdbc.sql("SELECT session_generation FROM app_user WHERE username = 'eight'").query(Long.class)
                .single()).isZero();
        jdbc.sql("UPDATE app_user SET session_generation = session_generation + 1 WHERE id = 7").update();
        assertThat(jdbc.sql("SELECT session_generation FROM app_user WHERE id = 7").query(Long.class).single())
                .isEqualTo(1L);
    }
}
