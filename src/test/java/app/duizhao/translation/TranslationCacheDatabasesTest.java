package app.duizhao.translation;

import app.duizhao.testsupport.PostgresSchema;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The translation cache on both databases the app runs on (H2 always, PostgreSQL when
 * {@code DUIZHAO_TEST_POSTGRES_URL} is set), migrated by the real Flyway scripts: storing, replacing, and the same
 * key stored by many threads at once. (H2's {@code MERGE ... KEY} made every LLM translation fail on PostgreSQL;
 * the load benchmark on PostgreSQL caught it.)
 */
class TranslationCacheDatabasesTest {

    static Stream<Arguments> databases() {
        List<Arguments> databases = new ArrayList<>();
        databases.add(Arguments.of("h2", "jdbc:h2:mem:cache-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        String postgres = System.getenv("DUIZHAO_TEST_POSTGRES_URL");
        if (postgres != null && postgres.startsWith("jdbc:postgresql:")) {
            databases.add(Arguments.of("postgres", postgres, PostgresSchema.user(), PostgresSchema.password()));
        }
        return databases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aTranslationIsStoredReplacedAndStoredByManyAtOnceUnderOneKey(String name, String url, String user,
                                                                      String password) throws Exception {
        String schema = "dz_cache_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        if (name.equals("h2")) {
            schema = schema.toUpperCase(Locale.ROOT); // H2 folds unquoted names to upper case
        }
        DataSource dataSource = new DriverManagerDataSource(url, user, password);
        Flyway.configure().dataSource(dataSource).schemas(schema).createSchemas(true)
                .locations("classpath:db/migration").load().migrate();
        // The cache's own connections work in the new schema.
        String inSchema = name.equals("postgres") ? url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema
                : url + ";SCHEMA=" + schema;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            TranslationCache cache = new TranslationCache(JdbcClient.create(
                    new DriverManagerDataSource(inSchema, user, password)));
            TranslationCache.Key key = new TranslationCache.Key(TranslationCache.hash("你好"), "en", "openai",
                    "some-model", "v2", "-");

            cache.put(key, "Hello.");
            assertThat(cache.find(key)).hasValue("Hello.");
            cache.put(key, "Hello!");
            assertThat(cache.find(key)).hasValue("Hello!");

            TranslationCache.Key shared = new TranslationCache.Key(TranslationCache.hash("大家好"), "en", "openai",
                    "some-model", "v2", "-");
            int threads = 8;
            CyclicBarrier start = new CyclicBarrier(threads);
            List<CompletableFuture<Void>> puts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String english = "Hello everyone " + i + ".";
                puts.add(CompletableFuture.runAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    cache.put(shared, english);
                }, pool));
            }
            CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();
            assertThat(cache.find(shared)).hasValueSatisfying(
                    english -> assertThat(english).startsWith("Hello everyone"));
            assertThat(JdbcClient.create(dataSource).sql("select count(*) from " + schema + ".translation_cache where text_hash = ?")
                    .param(TranslationCache.hash("大家好")).query(Long.class).single()).isEqualTo(1L);
        } finally {
            JdbcClient.create(dataSource).sql("drop schema " + schema + " cascade").update();
        }
    }
}
