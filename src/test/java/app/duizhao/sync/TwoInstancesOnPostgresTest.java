package app.duizhao.sync;

import app.duizhao.testsupport.PostgresSchema;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.util.List;

/**
 * {@link TwoInstances} on the PostgreSQL server named by {@code DUIZHAO_TEST_POSTGRES_URL}, in a fresh schema that
 * the first instance's Flyway creates; skipped without it.
 */
@EnabledIfEnvironmentVariable(named = PostgresSchema.URL_VARIABLE, matches = "jdbc:postgresql:.*",
        disabledReason = "DUIZHAO_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against")
class TwoInstancesOnPostgresTest extends TwoInstances {

    private final String schema = PostgresSchema.newName();

    @Override
    List<String> database() {
        return List.of("--spring.datasource.url=" + PostgresSchema.url(schema),
                "--spring.datasource.username=" + PostgresSchema.user(),
                "--spring.datasource.password=" + PostgresSchema.password(),
                "--spring.flyway.schemas=" + schema, "--spring.flyway.create-schemas=true");
    }
}
