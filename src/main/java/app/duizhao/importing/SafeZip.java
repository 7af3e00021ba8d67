package app.duizhao.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reading an uploaded {@code .zip} without trusting it: names that climb out or are absolute are refused, entries
 * are inflated against a per-file limit, a total budget and a compression ratio (zip bombs), and names are read as
 * UTF-8 or, failing that, GB18030 (zips made on Chinese Windows).
 */
final class SafeZip {

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
    private static final int RATIO_CHECK_FROM = 64 * 1024;

    private SafeZip() {
    }

    /** An entry the import will not read, and whether that ends the reading of the whole archive. */
    static final class EntryRefused extends Exception {
        final boolean stopsArchive;

        EntryRefused(String message, boolean stopsArchive) {
            super(message);
            this.stopsArchive = stopsArchive;
        }
    }

    /**
     * Inflates one entry, counting real bytes against the per-file limit {@code max}, what is left of the archive's
     * total {@code budget} and the compression ratio of {@code limits}.
     */
    static byte[] readEntry(ZipFile zip, ZipEntry entry, long budget, long max, ImportProperties.Archive limits)
            throws IOException, EntryRefused {
        long compressed = entry.getCompressedSize();
        int ratio = limits.maxRatio();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        try (InputStream in = zip.getInputStream(entry)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                long size = (long) out.size() + n;
                if (size > budget) {
                    throw new EntryRefused("The archive unpacks to more than "
                            + ImportService.megabytes(limits.maxTotalBytes())
                            + " in all (a zip bomb?); the rest was not read.", true);
                }
                if (size > max) {
                    throw new EntryRefused("Too large: more than " + ImportService.megabytes(max)
                            + " once unpacked.", false);
                }
                if (size > RATIO_CHECK_FROM && compressed >= 0 && size > Math.max(1, compressed) * ratio) {
                    throw new EntryRefused("Compressed more than " + ratio + " to 1, like a zip bomb: not read.",
                            false);
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    /** Why an entry name is refused (path traversal, absolute path), or {@code null} when it is fine. */
    static String nameProblem(String entryName) {
        String n = entryName.replace('\\', '/');
        if (n.startsWith("/") || DRIVE.matcher(n).matches()) {
            return "Unsafe name (an absolute path): not read.";
        }
        for (String segment : n.split("/")) {
            if (segment.equals("..")) {
                return "Unsafe name (it climbs out of the archive with \"..\"): not read.";
            }
        }
        if (n.indexOf('\0') >= 0) {
            return "Unsafe name (it holds a NUL character): not read.";
        }
        return null;
    }

    /** Files the archiver's system adds ({@code __MACOSX/}, {@code ._*}, {@code .DS_Store}, {@code Thumbs.db}). */
    static boolean isSystemFile(String entryName) {
        String n = entryName.replace('\\', '/');
        String base = n.substring(n.lastIndexOf('/') + 1);
        return n.startsWith("__MACOSX/") || base.startsWith("._") || base.equals(".DS_Store")
                || base.equals("Thumbs.db");
    }

    /** Opens a zip with UTF-8 entry names, falling back to GB18030 (Chinese Windows zips). */
    static ZipFile openZip(Path file) {
        for (var charset : List.of(StandardCharsets.UTF_8, TextDecoder.GB18030)) {
            try {
                ZipFile zip = new ZipFile(file.toFile(), charset);
                try {
                    Enumeration<? extends ZipEntry> entries = zip.entries();
                    while (entries.hasMoreElements()) {
                        entries.nextElement(); // decodes every name now, so a wrong charset fails here
                    }
                    return zip;
                } catch (IllegalArgumentException wrongCharset) {
                    zip.close();
                }
            } catch (ZipException | IllegalArgumentException e) {
                // not this charset, or not a zip
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }
}
