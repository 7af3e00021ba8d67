package app.duizhao.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a TrueType font with Chinese glyphs to embed in PDFs. openhtmltopdf (PDFBox) embeds TrueType outlines
 * only, so the usual Noto CJK files (CFF-based .otf/.ttc) do not work; a plain .ttf such as Debian's
 * DroidSansFallbackFull.ttf (package {@code fonts-droid-fallback}) does.
 */
final class CjkFont {

    /** Looked for in this order when no font is configured. */
    static final List<String> CANDIDATES = List.of(
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

    private CjkFont() {
    }

    /**
     * The font to embed: the configured one, else the first common system font found.
     *
     * @throws ExportException naming what to install or configure when there is none
     */
    static Path locate(String configured) {
        List<String> tried = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.strip());
            if (usable(path)) {
                return path;
            }
            throw new ExportException("The PDF font configured in duizhao.export.cjk-font (" + configured
                    + ") is not a readable TrueType (.ttf) file.");
        }
        for (String candidate : CANDIDATES) {
            Optional<Path> path = Optional.of(Path.of(candidate)).filter(CjkFont::usable);
            if (path.isPresent()) {
                return path.get();
            }
            tried.add(candidate);
        }
        throw new ExportException("No Chinese TrueType font found to embed in the PDF. Install one (on Debian or "
                + "Ubuntu: apt-get install fonts-droid-fallback) or set duizhao.export.cjk-font to a .ttf file "
                + "with Chinese glyphs. Looked in: " + String.join(", ", tried));
    }

    private static boolean usable(Path path) {
        try {
            return Files.isRegularFile(path) && Files.isReadable(path)
                    && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttf");
        } catch (RuntimeException e) {
            return false;
        }
    }
}
