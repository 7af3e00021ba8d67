package app.duizhao.bench;

import app.duizhao.DuizhaoApplication;
import app.duizhao.account.AccountService;
import app.duizhao.testsupport.FakeLlmServer;
import app.duizhao.testsupport.PostgresSchema;
import com.sun.management.OperatingSystemMXBean;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Load: 50 simulated readers (one user each, accounts on, their own API token and articles) loop for a fixed time
 * through "open the article and its reader page, translate it against the fake LLM server, add notes, save a
 * version" over HTTP against the real app on 127.0.0.1 (random port, H2 in memory, or PostgreSQL). Prints
 * throughput, p50/p95/max latency per operation and errors, then reads every user's data back and prints what was
 * lost, duplicated or mixed between users; exits 1 if anything was.
 *
 * <p>Settings (system property, or environment variable): {@code bench.load.readers} / {@code BENCH_LOAD_READERS}
 * (50), {@code bench.load.seconds} / {@code BENCH_LOAD_SECONDS} (60), {@code bench.load.warmupSeconds} (5),
 * {@code bench.load.articles} (2 per reader), {@code bench.load.pages} (true), {@code bench.load.latencyMs} (300:
 * the fake LLM's wait before each answer), {@code bench.load.pollMs} (500), {@code bench.load.thinkMs} (1000: the
 * longest a reader waits after starting a translation before adding a note), {@code bench.load.db} /
 * {@code BENCH_LOAD_DB} ({@code h2}, or {@code postgres} on {@code DUIZHAO_TEST_POSTGRES_URL} in a new schema).
 */
public final class LoadBenchmark {

    static final int CHUNK_CHARS = 16;                          // about 4 tokens of English per chunk
    static final Duration CHUNK_DELAY = Duration.ofMillis(10);  // so about 400 tokens/s per stream

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        LoadRun.Settings settings = new LoadRun.Settings(
                (int) setting("bench.load.readers", "BENCH_LOAD_READERS", 50),
                Duration.ofSeconds(setting("bench.load.seconds", "BENCH_LOAD_SECONDS", 60)),
                Duration.ofSeconds(setting("bench.load.warmupSeconds", "BENCH_LOAD_WARMUP_SECONDS", 5)),
                (int) setting("bench.load.articles", "BENCH_LOAD_ARTICLES", 2),
                setting("bench.load.pages", "BENCH_LOAD_PAGES", 1) != 0,
                Duration.ofMillis(setting("bench.load.pollMs", "BENCH_LOAD_POLL_MS", 500)),
                Duration.ofMillis(setting("bench.load.thinkMs", "BENCH_LOAD_THINK_MS", 1000)));
        Duration latency = Duration.ofMillis(setting("bench.load.latencyMs", "BENCH_LOAD_LATENCY_MS", 300));
        String db = System.getProperty("bench.load.db", System.getenv().getOrDefault("BENCH_LOAD_DB", "h2"));

        boolean intact;
        Path dataDir = BenchSupport.tempDir("load");
        try (FakeLlmServer llm = LoadRun.fakeLlm(latency, CHUNK_CHARS, CHUNK_DELAY)) {
            String schema = "dz_load_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            ConfigurableApplicationContext app = startServer(dataDir, llm, db, schema);
            try {
                int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                System.out.println("load_database: " + ("postgres".equals(db) ? 1 : 0) + " postgres");
                System.out.printf(Locale.ROOT, "load_llm_latency: %d ms%n", latency.toMillis());
                System.out.printf(Locale.ROOT, "load_llm_stream_rate: %d chars/s%n",
                        CHUNK_CHARS * 1000 / CHUNK_DELAY.toMillis());
                OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
                double loadBefore = os.getSystemLoadAverage();
                long cpuBefore = os.getProcessCpuTime();
                LoadRun.Result result = new LoadRun(URI.create("http://127.0.0.1:" + port),
                        app.getBean(AccountService.class), settings).run();
                result.print(System.out);
                // Server, readers and fake LLM share this JVM and the machine: what they got of it.
                System.out.printf(Locale.ROOT, "load_process_cpu: %.1f s%n",
                        (os.getProcessCpuTime() - cpuBefore) / 1e9);
                System.out.printf(Locale.ROOT, "load_machine_cores: %d cores%n", os.getAvailableProcessors());
                System.out.printf(Locale.ROOT, "load_machine_load_average_before: %.2f load%n", loadBefore);
                System.out.printf(Locale.ROOT, "load_machine_load_average_after: %.2f load%n",
                        os.getSystemLoadAverage());
                System.out.printf(Locale.ROOT, "load_llm_requests: %d requests%n", llm.chatRequests().size());
                System.gc();
                Runtime runtime = Runtime.getRuntime();
                System.out.printf(Locale.ROOT, "load_heap_used_after: %d MB%n",
                        (runtime.totalMemory() - runtime.freeMemory()) / 1_000_000);
                result.printDetails(System.err);
                intact = result.intact();
                if ("postgres".equals(db)) {
                    app.getBean(JdbcTemplate.class).execute("DROP SCHEMA " + schema + " CASCADE");
                }
            } finally {
                app.close();
            }
        } finally {
            BenchSupport.deleteTree(dataDir);
        }
        if (!intact) {
            System.err.println("LoadBenchmark: data was lost or mixed between users (see the problems above)");
            System.exit(1);
        }
    }

    /** The app with its web server on a random port of 127.0.0.1, accounts on, the LLM pointed at the fake. */
    static ConfigurableApplicationContext startServer(Path dataDir, FakeLlmServer llm, String db, String schema) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "server.address=127.0.0.1",
                "duizhao.data-dir=" + dataDir,
                "duizhao.library.index-dir=",
                "duizhao.auth.enabled=true",
                "duizhao.llm.provider=openai",
                "duizhao.llm.base-url=" + llm.baseUrl(),
                "duizhao.llm.model=load-model",
                "duizhao.llm.api-key=sk-load-benchmark",
                "spring.main.banner-mode=off",
                "logging.level.root=WARN",
                "logging.level.org.flywaydb=ERROR",
                "logging.level.org.apache.lucene=ERROR",
                // The readers are made by the benchmark; no first admin is needed.
                "logging.level.app.duizhao.account.AdminBootstrap=ERROR",
                "logging.level.org.atmosphere=WARN",
                "vaadin.launch-browser=false",
                "vaadin.devmode.devTools.enabled=false",
                // Vaadin runs in development mode here (no production bundle on the test classpath); its component
                // tracker records a stack trace for every component created, which production mode never does.
                "vaadin.devmode.componentTracker.enabled=false"));
        if ("postgres".equals(db)) {
            String url = System.getenv("DUIZHAO_TEST_POSTGRES_URL");
            if (url == null || !url.startsWith("jdbc:postgresql:")) {
                throw new IllegalStateException("bench.load.db=postgres needs DUIZHAO_TEST_POSTGRES_URL");
            }
            properties.addAll(List.of(
                    "spring.profiles.active=postgres",
                    "spring.datasource.url=" + PostgresSchema.url(schema),
                    "spring.datasource.username=" + PostgresSchema.user(),
                    "spring.datasource.password=" + PostgresSchema.password(),
                    "spring.flyway.schemas=" + schema,
                    "spring.flyway.create-schemas=true"));
        } else {
            properties.add("spring.datasource.url=jdbc:h2:mem:duizhao-load-" + UUID.randomUUID()
                    + ";DB_CLOSE_DELAY=-1");
        }
        // As command-line arguments, so they win over the project folder's application.properties.
        String[] arguments = properties.stream().map(p -> "--" + p).toArray(String[]::new);
        return new SpringApplicationBuilder(DuizhaoApplication.class).web(WebApplicationType.SERVLET).run(arguments);
    }

    private static long setting(String property, String variable, long fallback) {
        String value = System.getProperty(property, System.getenv(variable));
        if (value == null || value.isBlank()) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true")) {
            return 1;
        }
        if (value.equalsIgnoreCase("false")) {
            return 0;
        }
        return Long.parseLong(value.strip());
    }
}
