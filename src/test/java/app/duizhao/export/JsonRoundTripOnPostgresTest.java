package app.duizhao.export;

import app.duizhao.testsupport.PostgresSchema;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The JSON round trip with everything populated, on a real PostgreSQL server. */
@EnabledIfEnvironmentVariable(named = PostgresSchema.URL_VARIABLE, matches = "jdbc:postgresql:.*",
        disabledReason = "DUIZHAO_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against")
class JsonRoundTripOnPostgresTest extends JsonRoundTripTest {

    static final String SCHEMA = PostgresSchema.newName();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSchema.register(registry, SCHEMA);
    }
}
