package app.duizhao.testsupport;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.UUID;

/**
 * Points a Spring test at the PostgreSQL server named by {@code DUIZHAO_TEST_POSTGRES_URL} (set by {@code .ci/run}),
 * in a fresh schema of its own that Flyway creates, so tests running side by side never meet.
 */
public final class PostgresSchema {

    /** The environment variable that names the server; tests that need it are enabled only when it is set. */
    public static final String URL_VARIABLE = "DUIZHAO_TEST_POSTGRES_URL";

    private PostgresSchema() {
    }

    /** A new schema name. */
    public static String newName() {
        return "dz_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** The JDBC URL of the server with {@code schema} as the current schema. */
    public static String url(String schema) {
        String url = System.getenv(URL_VARIABLE);
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The database user ({@code DUIZHAO_TEST_POSTGRES_USER}, default duizhao). */
    public static String user() {
        return System.getenv().getOrDefault("DUIZHAO_TEST_POSTGRES_USER", "duizhao");
    }

    /** The database password ({@code DUIZHAO_TEST_POSTGRES_PASSWORD}, default duizhao). */
    public static String password() {
        return System.getenv().getOrDefault("DUIZHAO_TEST_POSTGRES_PASSWORD", "duizhao");
    }

    /** A data source on the server with {@code schema} as the current schema (Flyway creates the schema). */
    public static DriverManagerDataSource dataSource(String schema) {
        return new DriverManagerDataSource(url(schema), user(), password());
    }

    /** Drops {@code schema} with everything in it. */
    public static void drop(DriverManagerDataSource dataSource, String schema) {
        JdbcClient.create(dataSource).sql("DROP SCHEMA " + schema + " CASCADE").update();
    }

    /** Registers the data source and Flyway settings for {@code schema}. */
    public static void register(DynamicPropertyRegistry registry, String schema) {
        registry.add("spring.datasource.url", () -> url(schema));
        registry.add("spring.datasource.username", PostgresSchema::user);
        registry.add("spring.datasource.password", PostgresSchema::password);
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.flyway.create-schemas", () -> "true");
    }
}
