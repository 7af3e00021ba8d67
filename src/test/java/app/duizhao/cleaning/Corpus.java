package app.duizhao.cleaning;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the licensed test corpus, which lives outside the repository (never copied into it). */
final class Corpus {

    private Corpus() {
    }

    /**
     * {@code DUIZHAO_CORPUS} (system property or environment variable), else {@code ../shared/corpus} relative to the
     * working directory. Skips the calling test when the folder is missing.
     */
    static Path postsOrSkip() {
        String override = System.getProperty("DUIZHAO_CORPUS", System.getenv("DUIZHAO_CORPUS"));
        Path root = override != null && !override.isBlank() ? Path.of(override) : Path.of("..", "shared", "corpus");
        Path posts = root.resolve("posts");
        Assumptions.assumeTrue(Files.isDirectory(posts),
                "Duizhao corpus not found at " + posts.toAbsolutePath().normalize() + ", skipping");
        return posts;
    }
}
