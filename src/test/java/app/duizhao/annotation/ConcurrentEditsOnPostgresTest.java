package app.duizhao.annotation;

import app.duizhao.testsupport.PostgresSchema;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same races on a real PostgreSQL server, whose row locks and unique checks wait where H2's may fail fast. */
@EnabledIfEnvironmentVariable(named = PostgresSchema.URL_VARIABLE, matches = "jdbc:postgresql:.*",
        disabledReason = "DUIZHAO_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against")
class ConcurrentEditsOnPostgresTest extends ConcurrentEditsTest {

    static final String SCHEMA = PostgresSchema.newName();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSchema.register(registry, SCHEMA);
    }

    // Fewer rounds than on H2: each costs more on a server, and these races are about the same code paths.
    @Override
    int rounds() {
        return 24;
    }

    @Override
    int blocks() {
        return 12;
    }
}
