package app.duizhao.bench;

import app.duizhao.DuizhaoApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Shared helpers of the benchmark mains: the corpus, a real Spring context on a fresh file H2, figures. */
final class BenchSupport {

    private BenchSupport() {
    }

    /** The corpus posts ({@code ../shared/corpus/posts}, or {@code DUIZHAO_CORPUS}/posts), sorted, if present. */
    static Optional<List<Path>> corpusPosts() {
        String override = System.getenv("DUIZHAO_CORPUS");
        Path dir = (override != null ? Path.of(override) : Path.of("..", "shared", "corpus")).resolve("posts");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return Optional.of(files.filter(Files::isRegularFile).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The application without its web server, on an H2 file database and index in a new temporary folder. */
    static ConfigurableApplicationContext startApp(Path dataDir, String... extra) {
        String[] base = {
                "duizhao.data-dir=" + dataDir,
                "spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("duizhao") + ";DB_CLOSE_ON_EXIT=FALSE",
                "spring.main.banner-mode=off",
                "logging.level.root=WARN",
                "vaadin.launch-browser=false",
                "duizhao.llm.provider=offline",
                // No web server, so none of Vaadin's servlet wiring either.
                "spring.autoconfigure.exclude=com.vaadin.flow.spring.SpringBootAutoConfiguration,"
                        + "com.vaadin.flow.spring.SpringSecurityAutoConfiguration",
                "logging.level.org.flywaydb=ERROR",
                "logging.level.org.apache.lucene=ERROR",
        };
        // As command-line arguments, so they win over the project folder's application.properties.
        String[] arguments = Stream.concat(Arrays.stream(base), Arrays.stream(extra)).map(p -> "--" + p)
                .toArray(String[]::new);
        return new SpringApplicationBuilder(DuizhaoApplication.class)
                .web(WebApplicationType.NONE)
                .run(arguments);
    }

    static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("duizhao-bench-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temp folder is harmless.
        }
    }

    /** Prints one figure as {@code name: value unit}. */
    static void figure(String name, double value, String unit) {
        System.out.println(name + ": " + String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value)
                + " " + unit);
    }

    /** The p-th percentile (0..100) of sorted nanosecond samples, in milliseconds. */
    static double percentileMs(long[] sortedNanos, double p) {
        int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.clamp(index, 0, sortedNanos.length - 1)] / 1e6;
    }
}
