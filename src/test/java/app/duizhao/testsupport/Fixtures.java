package app.duizhao.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Test inputs: the seed post (copied into the test resources) and the shared corpus (read in place). */
public final class Fixtures {

    /** The file name of the founding post: Qin Gang on ping-pong diplomacy, 2021-11-24, Zaobao markup. */
    public static final String SEED_FILE_NAME = "2021-11-24-秦刚：中美关系的大球仍需小球推动.md";

    private Fixtures() {
    }

    /** The seed post's bytes. */
    public static byte[] seedPost() {
        return resource("/corpus-seed/seed-post.md");
    }

    /** The seed post as text. */
    public static String seedPostText() {
        return new String(seedPost(), StandardCharsets.UTF_8);
    }

    /** A test resource's bytes. */
    public static byte[] resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The seed post on disk, for upload through a browser. */
    public static Path seedPostFile(Path directory) throws IOException {
        Path file = directory.resolve(SEED_FILE_NAME);
        Files.write(file, seedPost());
        return file;
    }

    /**
     * The shared corpus folder ({@code ../shared/corpus}, or {@code DUIZHAO_CORPUS}), when present. The posts there
     * are licensed for internal testing only and are never copied into the repository.
     */
    public static Optional<Path> corpus() {
        String override = System.getenv("DUIZHAO_CORPUS");
        Path path = override != null ? Path.of(override) : Path.of("..", "shared", "corpus");
        return Files.isDirectory(path) ? Optional.of(path.toAbsolutePath().normalize()) : Optional.empty();
    }
}
