package app.duizhao.importing;

import app.duizhao.account.CurrentUser;
import app.duizhao.importing.BulkImportJob.EntryResult;
import app.duizhao.importing.BulkImportJob.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Bulk import in the background: a {@code .zip} of posts, several uploaded files, or a server-side folder (only below
 * {@code duizhao.import.folder-roots}, and with accounts on only for an admin: the server's files are not every
 * user's to read; uploads are, into the uploader's own library). Each file goes through {@link ImportService#importFile}; a bad file is
 * skipped and reported with its reason, and the job goes on. Duplicates (same source link or same cleaned text) are
 * reported, not stored, so re-importing an archive changes nothing.
 *
 * <p>Archives are read defensively: entry names with {@code ..} segments or absolute paths are refused (nothing is
 * ever written to disk, but such an archive is hostile), archives inside archives are not opened, and the entry count,
 * the total uncompressed size and each entry's compression ratio are capped ({@code duizhao.import.archive.*}) —
 * counted on the bytes actually inflated, not on the sizes the archive claims.
 */
@Service
public class BulkImportService {

    private static final Logger log = LoggerFactory.getLogger(BulkImportService.class);
    private static final int MAX_DEPTH = 32;
    private static final int MAX_PICKER_FOLDERS = 500;

    private final ImportService importer;
    private final ImportProperties properties;
    private final List<BulkImportJob> recent = Collections.synchronizedList(new ArrayList<>());
    // Who started each recent job: a job's file names are that person's business only.
    private final Map<BulkImportJob, Long> owners = Collections.synchronizedMap(new IdentityHashMap<>());
    private final CurrentUser currentUser;
    private final BulkImportJobs stored;
    private final Path uploads;

    public BulkImportService(ImportService importer, ImportProperties properties, CurrentUser currentUser,
                             BulkImportJobs stored,
                             @org.springframework.beans.factory.annotation.Value("${duizhao.data-dir:./data}")
                             String dataDir) {
        this.importer = importer;
        this.properties = properties;
        this.currentUser = currentUser;
        this.stored = stored;
        this.uploads = Path.of(dataDir, "uploads").toAbsolutePath();
    }

    /**
     * A bulk import the server did not finish (it stopped, or was killed): what it had done, and whether its files
     * are still there to resume it.
     */
    public record InterruptedImport(long id, String source, int total, int done, int imported, int duplicates,
                                    int skipped, java.time.OffsetDateTime startedAt) {
    }

    /**
     * A new empty file in the server's upload folder ({@code ${duizhao.data-dir}/uploads}) for an upload on its way
     * to a bulk import: kept there, not in the system's temp folder, so that the server cleans what a crash left.
     */
    public Path newUploadFile() throws IOException {
        Files.createDirectories(uploads);
        return Files.createTempFile(uploads, "pending-", ".upload");
    }

    /** The current user's bulk imports that a stopped server left unfinished, newest first. */
    public List<InterruptedImport> interrupted() {
        return stored.interrupted(currentUser.id()).stream().map(job -> new InterruptedImport(job.id(), job.source(),
                job.total(), job.done(), job.imported(), job.duplicates(), job.skipped(), job.startedAt())).toList();
    }

    /**
     * Resumes an interrupted bulk import of the current user: its kept uploads, or the same server folder or
     * archive, imported again; what the first run stored is recognised as already in the library, so only the rest
     * is stored.
     *
     * @throws ImportException when there is no such interrupted import, or its files are gone
     */
    public BulkImportJob resume(long id) {
        BulkImportJobs.StoredJob job = stored.interrupted(currentUser.id(), id)
                .orElseThrow(() -> new ImportException("There is no interrupted import " + id + " to resume."));
        if (job.uploadDir() != null) {
            Path dir = Path.of(job.uploadDir());
            List<UploadedFile> files = new ArrayList<>();
            try (var listing = Files.list(dir)) {
                listing.sorted().forEach(file -> files.add(new UploadedFile(
                        file.getFileName().toString().replaceFirst("^\\d{4}-", ""), file)));
            } catch (IOException e) {
                stored.close(id, "dismissed");
                throw new ImportException("The files of that import are gone; upload them again.");
            }
            if (!stored.close(id, "resumed")) {
                throw new ImportException("That import is being resumed already.");
            }
            return startUploads(job.source(), files, dir);
        }
        if (job.serverPath() != null) {
            stored.close(id, "resumed");
            Path path = Path.of(job.serverPath());
            return Files.isDirectory(path) ? importFolder(job.serverPath())
                    : importArchive(job.source(), path);
        }
        stored.close(id, "dismissed");
        throw new ImportException("That import cannot be resumed; start it again.");
    }

    /** Forgets an interrupted import of the current user (and deletes its kept uploads). */
    public void dismiss(long id) {
        stored.interrupted(currentUser.id(), id).ifPresent(job -> {
            if (stored.close(id, "dismissed") && job.uploadDir() != null) {
                deleteTree(Path.of(job.uploadDir()));
            }
        });
    }

    /**
     * At startup: marks the bulk imports the last run left unfinished as interrupted, and deletes what it left in
     * the upload folder (uploads that never became a job, folders of jobs that ended) and the bulk-upload temp
     * files of older versions in the system's temp folder. Only files older than this process are touched, so a job
     * of this very process is never disturbed.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationStartedEvent.class)
    void recover() {
        List<String> keep = stored.closeJobsOfThePreviousLife();
        long processStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        if (keep != null && Files.isDirectory(uploads)) {
            try (var listing = Files.list(uploads)) {
                for (Path entry : listing.toList()) {
                    if (!keep.contains(entry.toString()) && olderThan(entry, processStart)) {
                        deleteTree(entry);
                    }
                }
            } catch (IOException e) {
                log.warn("Could not clean the upload folder {}: {}", uploads, e.toString());
            }
        }
        try (var listing = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")),
                "duizhao-bulk-*.upload")) {
            for (Path legacy : listing) {
                if (olderThan(legacy, processStart)) {
                    deleteQuietly(legacy);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Could not clean the temp folder: {}", e.toString());
        }
    }

    private static boolean olderThan(Path entry, long epochMillis) {
        try {
            return Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toMillis() < epochMillis;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(BulkImportService::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            log.debug("Could not delete {}: {}", root, e.toString());
        }
    }

    /** A file uploaded for bulk import, waiting in a temporary file. */
    public record UploadedFile(String name, Path file) {
    }

    /**
     * Imports uploaded files — posts and {@code .zip} archives of posts — in the background; the temporary files
     * are deleted when the job ends.
     */
    public BulkImportJob importUploads(List<UploadedFile> files) {
        String label = files.size() == 1 ? files.getFirst().name() : files.size() + " files";
        // The files wait in a folder of the job's own under the upload folder until it ends: after a crash they
        // are still there to resume it.
        Path dir;
        List<UploadedFile> kept = new ArrayList<>();
        try {
            Files.createDirectories(uploads);
            dir = Files.createTempDirectory(uploads, "job-");
            int n = 0;
            for (UploadedFile file : files) {
                String safe = file.name().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
                Path target = dir.resolve(String.format("%04d-%s", n++, safe.length() > 150
                        ? safe.substring(safe.length() - 150) : safe));
                Files.move(file.file(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                kept.add(new UploadedFile(file.name(), target));
            }
        } catch (IOException e) {
            log.warn("Could not keep the uploads in {}; importing them from where they are", uploads, e);
            dir = null;
            kept = List.copyOf(files);
        }
        return startUploads(label, kept, dir);
    }

    private BulkImportJob startUploads(String label, List<UploadedFile> files, Path dir) {
        List<UploadedFile> copy = List.copyOf(files);
        return start(label, dir == null ? null : dir.toString(), null, job -> {
            try {
                job.setTotal(copy.size());
                for (UploadedFile file : copy) {
                    if (job.isCancelRequested()) {
                        return;
                    }
                    importOne(job, file.name(), file.file());
                }
            } finally {
                for (UploadedFile file : copy) {
                    deleteQuietly(file.file());
                }
                if (dir != null) {
                    deleteTree(dir);
                }
            }
        });
    }

    /**
     * Imports every post in a {@code .zip} archive file on the server (left in place), in the background.
     *
     * @throws ImportException with accounts on, for anyone but an admin
     */
    public BulkImportJob importArchive(String name, Path zip) {
        requireFolderImport();
        return start(name, null, zip.toAbsolutePath().toString(), job -> {
            job.setTotal(1);
            importOne(job, name, zip);
        });
    }

    /**
     * Imports every post in a server-side folder and its subfolders, in the background.
     *
     * @throws ImportException when the folder is not below one of {@code duizhao.import.folder-roots}, or, with
     *                         accounts on, the current user is not an admin
     */
    public BulkImportJob importFolder(String folder) {
        requireFolderImport();
        Path root = allowedFolder(folder);
        return start(root.toString(), null, root.toString(), job -> {
            List<Path> files = listFiles(root, job);
            job.setTotal(files.size());
            for (Path file : files) {
                if (job.isCancelRequested()) {
                    return;
                }
                importOne(job, root.relativize(file).toString().replace('\\', '/'), file);
            }
        });
    }

    /** Whether the current user may import from server folders: an admin (anyone with accounts off). */
    public boolean folderImportAllowed() {
        return currentUser.isAdmin();
    }

    private void requireFolderImport() {
        if (!folderImportAllowed()) {
            throw new ImportException(ImportException.Kind.REFUSED_URL,
                    "Only an admin may import from folders on the server; upload the files instead.");
        }
    }

    /**
     * The folders bulk import may read ({@code duizhao.import.folder-roots}) that exist; none for a user who may not
     * import from server folders (the server's paths are not theirs to see).
     */
    public List<String> folderRoots() {
        if (!folderImportAllowed()) {
            return List.of();
        }
        List<String> roots = new ArrayList<>();
        for (String root : properties.folderRoots()) {
            try {
                Path real = Path.of(root).toRealPath();
                if (Files.isDirectory(real)) {
                    roots.add(real.toString());
                }
            } catch (IOException | RuntimeException e) {
                // A configured root that does not exist is simply not offered.
            }
        }
        return roots;
    }

    /** The roots and the folders below them (three levels, at most 500), for the folder picker. */
    public List<String> folderChoices() {
        List<String> choices = new ArrayList<>();
        for (String root : folderRoots()) {
            try (var walk = Files.walk(Path.of(root), 3)) {
                walk.filter(path -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
                        .filter(path -> path.getFileName() == null || !path.getFileName().toString().startsWith("."))
                        .limit(MAX_PICKER_FOLDERS - choices.size())
                        .forEach(path -> choices.add(path.toString()));
            } catch (IOException | UncheckedIOException e) {
                log.warn("Could not list {}", root, e);
            }
            if (choices.size() >= MAX_PICKER_FOLDERS) {
                break;
            }
        }
        return choices;
    }

    /** The current user's most recent job, to show again when the import page is reopened. */
    public Optional<BulkImportJob> latest() {
        long user = currentUser.id();
        synchronized (recent) {
            for (int i = recent.size() - 1; i >= 0; i--) {
                if (Long.valueOf(user).equals(owners.get(recent.get(i)))) {
                    return Optional.of(recent.get(i));
                }
            }
            return Optional.empty();
        }
    }

    private Path allowedFolder(String folder) {
        if (folder == null || folder.isBlank()) {
            throw new ImportException("Choose a folder to import.");
        }
        Path real;
        try {
            real = Path.of(folder.strip()).toRealPath();
        } catch (IOException | RuntimeException e) {
            throw new ImportException("The folder \"" + folder + "\" does not exist.");
        }
        for (String root : folderRoots()) {
            if (real.startsWith(Path.of(root)) && Files.isDirectory(real)) {
                return real;
            }
        }
        throw new ImportException(ImportException.Kind.REFUSED_URL, "Duizhao may only import folders below "
                + (properties.folderRoots().isEmpty() ? "the folders set in duizhao.import.folder-roots (none is set)"
                : String.join(", ", properties.folderRoots())) + ".");
    }

    private interface Work {
        void run(BulkImportJob job) throws Exception;
    }

    private BulkImportJob start(String label, String uploadDir, String serverPath, Work work) {
        BulkImportJob job = new BulkImportJob(label);
        owners.put(job, currentUser.id());
        // Recorded in the database as it goes (after each file's article is committed, so the record never claims
        // more than is stored), and closed at the next start if the server stops before the job ends.
        long recordId = stored.started(currentUser.id(), label, uploadDir, serverPath);
        job.addListener(j -> stored.progress(recordId, j, j.isFinished()));
        synchronized (recent) {
            recent.add(job);
            while (recent.size() > 20) {
                owners.remove(recent.removeFirst());
            }
        }
        // The imported articles belong to whoever started the job, on the job's own thread too.
        Thread.ofVirtual().name("bulk-import").start(currentUser.wrap(() -> {
            try {
                work.run(job);
                job.finish(job.isCancelRequested() ? BulkImportJob.Status.CANCELLED : BulkImportJob.Status.DONE, null);
            } catch (ArchiveLimit limit) {
                job.finish(BulkImportJob.Status.DONE, limit.getMessage());
            } catch (Exception | StackOverflowError e) {
                log.warn("Bulk import of {} failed", label, e);
                job.finish(BulkImportJob.Status.FAILED, "The import stopped: " + e.getMessage());
            }
        }));
        return job;
    }

    /** A limit that ends the reading of an archive (entry count, total size); what was read so far stays. */
    private static final class ArchiveLimit extends RuntimeException {
        ArchiveLimit(String message) {
            super(message);
        }
    }

    private void importOne(BulkImportJob job, String name, Path file) {
        if (ImportService.extensionOf(name).equals("zip")) {
            importZip(job, name, file);
            return;
        }
        try {
            long size = Files.size(file);
            if (size > properties.maxBytes()) {
                job.record(new EntryResult(name, Outcome.SKIPPED, "Too large: " + ImportService.megabytes(size)
                        + "; the limit is " + ImportService.megabytes(properties.maxBytes()) + ".", null));
                return;
            }
            importBytes(job, name, Files.readAllBytes(file));
        } catch (IOException e) {
            job.record(new EntryResult(name, Outcome.SKIPPED, "Could not read the file: " + e.getMessage(), null));
        }
    }

    private void importBytes(BulkImportJob job, String name, byte[] bytes) {
        try {
            ImportResult result = importer.importFile(name, bytes);
            job.record(result.duplicate()
                    ? new EntryResult(name, Outcome.DUPLICATE, "Already in the library: " + result.title(),
                    result.articleId())
                    : new EntryResult(name, Outcome.IMPORTED, null, result.articleId()));
        } catch (ImportException e) {
            job.record(new EntryResult(name, Outcome.SKIPPED, e.getMessage(), null));
        } catch (RuntimeException e) {
            log.warn("Importing {} failed unexpectedly", name, e);
            job.record(new EntryResult(name, Outcome.SKIPPED, "Could not be imported: " + e.getMessage(), null));
        }
    }

    private void importZip(BulkImportJob job, String archiveName, Path file) {
        ZipFile zip = SafeZip.openZip(file);
        if (zip == null) {
            job.record(new EntryResult(archiveName, Outcome.SKIPPED, "Not a valid .zip archive.", null));
            return;
        }
        ImportProperties.Archive limits = properties.archive();
        try (zip) {
            List<ZipEntry> entries = new ArrayList<>();
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (entry.isDirectory() || SafeZip.isSystemFile(entry.getName())) {
                    continue;
                }
                if (entries.size() >= limits.maxEntries()) {
                    job.setTotal(Math.max(job.total(), 0) + entries.size() - 1);
                    job.record(new EntryResult(archiveName, Outcome.SKIPPED, "The archive holds more than "
                            + limits.maxEntries() + " files; none of it was read.", null));
                    return;
                }
                entries.add(entry);
            }
            // The archive counted as one file so far; now its entries are the files.
            job.setTotal(Math.max(job.total(), 1) - 1 + entries.size());
            long inflated = 0;
            for (ZipEntry entry : entries) {
                if (job.isCancelRequested()) {
                    return;
                }
                String name = archiveName + "/" + entry.getName();
                String problem = SafeZip.nameProblem(entry.getName());
                if (problem != null) {
                    job.record(new EntryResult(name, Outcome.SKIPPED, problem, null));
                    continue;
                }
                String extension = ImportService.extensionOf(entry.getName());
                if (ImportService.ARCHIVE_EXTENSIONS.contains(extension)) {
                    job.record(new EntryResult(name, Outcome.SKIPPED, "An archive inside an archive is not "
                            + "opened; unpack it and import it on its own.", null));
                    continue;
                }
                if (!ImportService.ACCEPTED_EXTENSIONS.contains(extension)) {
                    job.record(new EntryResult(name, Outcome.SKIPPED, "Not a post: Duizhao imports .md, .html "
                            + "and .txt files.", null));
                    continue;
                }
                if (entry.getSize() > properties.maxBytes()) {
                    job.record(new EntryResult(name, Outcome.SKIPPED, "Too large: "
                            + ImportService.megabytes(entry.getSize()) + "; the limit is "
                            + ImportService.megabytes(properties.maxBytes()) + ".", null));
                    continue;
                }
                byte[] bytes;
                try {
                    bytes = SafeZip.readEntry(zip, entry, limits.maxTotalBytes() - inflated, properties.maxBytes(), limits);
                } catch (SafeZip.EntryRefused refused) {
                    job.record(new EntryResult(name, Outcome.SKIPPED, refused.getMessage(), null));
                    if (refused.stopsArchive) {
                        throw new ArchiveLimit("Stopped reading " + archiveName + ": " + refused.getMessage());
                    }
                    continue;
                } catch (IOException | RuntimeException e) {
                    job.record(new EntryResult(name, Outcome.SKIPPED, "Could not be unpacked: "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), null));
                    continue;
                }
                inflated += bytes.length;
                importBytes(job, name, bytes);
            }
        } catch (IOException e) {
            job.record(new EntryResult(archiveName, Outcome.SKIPPED, "Could not read the archive: " + e.getMessage(),
                    null));
        }
    }

    private List<Path> listFiles(Path root, BulkImportJob job) throws IOException {
        List<Path> files = new ArrayList<>();
        int max = properties.archive().maxEntries();
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (job.isCancelRequested()) {
                    return FileVisitResult.TERMINATE;
                }
                return !dir.equals(root) && dir.getFileName().toString().startsWith(".")
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(".")) {
                    files.add(file);
                }
                return files.size() >= max ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("Could not delete {}", file, e);
        }
    }
}
