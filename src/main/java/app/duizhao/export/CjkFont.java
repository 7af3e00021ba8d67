package app.duizhao.export;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The TrueType font with Chinese glyphs that the PDF embeds (as a subset of the glyphs used). In this order: the
 * font configured in {@code duizhao.export.cjk-font}; else a common system font, when the system lookup is on;
 * else the font shipped inside the application (Noto Sans SC Regular, SIL Open Font License 1.1), so PDF export
 * needs nothing installed. openhtmltopdf (PDFBox) embeds TrueType outlines only: Noto CJK's CFF-based .otf/.ttc
 * files are not usable, and every candidate is checked for {@code glyf} outlines and a glyph for 中 before use.
 */
final class CjkFont {

    /** System fonts looked for in this order when none is configured. */
    static final List<String> SYSTEM_CANDIDATES = List.of(
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
            "/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
            "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf",
            "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",
            "/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf",
            "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
            "/Library/Fonts/Arial Unicode.ttf",
            "C:/Windows/Fonts/simhei.ttf",
            "C:/Windows/Fonts/simkai.ttf",
            "C:/Windows/Fonts/simfang.ttf");

    /** The font shipped in the application (fetched by the build; see pom.xml), on the classpath. */
    static final String BUNDLED_RESOURCE = "/app/duizhao/export/font/NotoSansSC_400Regular.ttf";

    private final String description;
    private final Path file;

    private CjkFont(String description, Path file) {
        this.description = description;
        this.file = file;
    }

    /**
     * Chooses the font: the configured one, else (when {@code systemFonts}) the first usable system font, else the
     * bundled one.
     *
     * @throws ExportException naming the setting to change when the configured font is unusable, or
     *                                    when the application was built without its font
     */
    static CjkFont choose(String configured, boolean systemFonts) {
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.strip());
            Optional<String> problem = problem(path);
            if (problem.isPresent()) {
                throw new ExportException("The PDF font configured in duizhao.export.cjk-font ("
                        + configured.strip() + ") " + problem.get() + ". Set it to a TrueType (.ttf) font with "
                        + "Chinese glyphs, or remove the setting to use the font that ships with Duizhao.");
            }
            return new CjkFont("configured font " + path, path);
        }
        if (systemFonts) {
            for (String candidate : SYSTEM_CANDIDATES) {
                Path path = Path.of(candidate);
                if (Files.isRegularFile(path) && problem(path).isEmpty()) {
                    return new CjkFont("system font " + path, path);
                }
            }
        }
        if (CjkFont.class.getResource(BUNDLED_RESOURCE) == null) {
            throw new ExportException("This build of Duizhao lacks its PDF font (" + BUNDLED_RESOURCE
                    + "): build it again with ./mvnw package, or set duizhao.export.cjk-font to a TrueType (.ttf) "
                    + "font with Chinese glyphs.");
        }
        return new CjkFont("bundled Noto Sans SC", null);
    }

    /** Registers this font with the renderer under {@code family}; only the glyphs used are embedded. */
    void register(PdfRendererBuilder builder, String family) {
        if (file != null) {
            builder.useFont(file.toFile(), family);
        } else {
            builder.useFont(CjkFont::openBundled, family);
        }
    }

    /** Which font this is, for messages: "configured font /x.ttf", "system font …", "bundled Noto Sans SC". */
    String description() {
        return description;
    }

    private static InputStream openBundled() {
        InputStream in = CjkFont.class.getResourceAsStream(BUNDLED_RESOURCE);
        if (in == null) {
            throw new UncheckedIOException(new IOException("missing " + BUNDLED_RESOURCE));
        }
        return in;
    }

    /**
     * Why {@code path} cannot serve as the PDF's Chinese font, or empty when it can. The answer is kept per file
     * (path, size and modification time), since the reader's export menu asks on every page.
     */
    static Optional<String> problem(Path path) {
        if (!Files.isRegularFile(path)) {
            return Optional.of("does not exist or is not a file");
        }
        if (!Files.isReadable(path)) {
            return Optional.of("cannot be read by this process");
        }
        String key;
        try {
            key = path.toAbsolutePath() + "|" + Files.size(path) + "|" + Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return Optional.of("cannot be read by this process (" + e.getMessage() + ")");
        }
        return CHECKED.computeIfAbsent(key, k -> inspect(path));
    }

    private static final Map<String, Optional<String>> CHECKED = new ConcurrentHashMap<>();

    private static Optional<String> inspect(Path path) {
        try (RandomAccessReadBufferedFile input = new RandomAccessReadBufferedFile(path.toFile());
             TrueTypeFont font = new TTFParser().parse(input)) {
            if (font.getGlyph() == null) {
                return Optional.of("is not a TrueType (.ttf) font with TrueType outlines (CFF-based .otf and "
                        + ".ttc collections cannot be embedded)");
            }
            if (font.getUnicodeCmapLookup(false) == null || font.getUnicodeCmapLookup(false).getGlyphId('中') == 0) {
                return Optional.of("has no Chinese glyphs");
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("is not a TrueType (.ttf) font that can be read (" + e.getMessage() + ")");
        }
    }
}
