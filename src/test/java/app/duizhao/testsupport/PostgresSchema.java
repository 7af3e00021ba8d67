package app.duizhao.testsupport;

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

    /** Registers the data source and Flyway settings for {@code schema}. */
    public static void register(DynamicPropertyRegistry registry, String schema) {
        String url = System.getenv(URL_VARIABLE);
        registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        registry.add("spring.datasource.username",
                () -> System.getenv().getOrDefault("DUIZHAO_TEST_POSTGRES_USER", "duizhao"));
        registry.add("spring.datasource.password",
                () -> System.getenv().getOrDefault("DUIZHAO_TEST_POSTGRES_PASSWORD", "duizhao"));
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.flyway.create-schemas", () -> "true");
    }
}
