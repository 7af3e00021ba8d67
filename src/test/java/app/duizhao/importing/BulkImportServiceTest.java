package app.duizhao.importing;

import app.duizhao.importing.BulkImportJob.EntryResult;
import app.duizhao.importing.BulkImportJob.Outcome;
import app.duizhao.library.LibraryService;
import app.duizhao.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(properties = {"duizhao.import.max-bytes=200000", "duizhao.import.archive.max-total-bytes=5000000",
        "duizhao.import.folder-roots=${java.io.tmpdir}/duizhao-bulk-test-root"})
@ActiveProfiles("test")
class BulkImportServiceTest {

    @Autowired
    BulkImportService bulk;

    @Autowired
    LibraryService library;

    @TempDir
    Path dir;

    static String post(int i) {
        return "---\ntitle: 第" + i + "篇\nfrom: https://example.com/post/" + i + "\n---\n<p>这是第" + i
                + "篇文章的正文，内容各不相同。编号" + i + "。</p>\n";
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path file = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return file;
    }

    private static BulkImportJob finished(BulkImportJob job) throws InterruptedException {
        assertThat(job.await(60, TimeUnit.SECONDS)).isTrue();
        return job;
    }

    private static EntryResult resultFor(BulkImportJob job, String suffix) {
        return job.results().stream().filter(r -> r.file().endsWith(suffix)).findFirst().orElseThrow();
    }

    @Test
    void anArchiveIsImportedBadFilesAreSkippedWithReasonsAndReimportingChangesNothing() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            entries.put("posts/" + i + ".md", post(i).getBytes(StandardCharsets.UTF_8));
        }
        entries.put("posts/same-text-again.md", post(3).replace("https://example.com/post/3", "https://other.example/3")
                .getBytes(StandardCharsets.UTF_8));
        entries.put("posts/photo.png", new byte[]{(byte) 0x89, 'P', 'N', 'G'});
        entries.put("posts/binary.md", new byte[]{0, 1, 2, 3});
        entries.put("posts/broken.md", "---\ntitle: never closed\n".getBytes(StandardCharsets.UTF_8));
        entries.put("../../etc/evil.md", post(99).getBytes(StandardCharsets.UTF_8));
        entries.put("/abs/evil.md", post(98).getBytes(StandardCharsets.UTF_8));
        entries.put("inner.zip", new byte[]{'P', 'K', 3, 4});
        entries.put("__MACOSX/._0.md", new byte[]{0, 0});
        Path archive = zip("posts.zip", entries);
        long before = library.count();

        BulkImportJob job = finished(bulk.importArchive("posts.zip", archive));

        assertThat(job.status()).isEqualTo(BulkImportJob.Status.DONE);
        assertThat(job.imported()).isEqualTo(30);
        assertThat(job.duplicates()).isEqualTo(1);
        assertThat(job.skipped()).isEqualTo(6);
        assertThat(job.total()).isEqualTo(37);
        assertThat(job.progress()).isEqualTo(1.0);
        assertThat(library.count()).isEqualTo(before + 30);
        assertThat(resultFor(job, "photo.png").reason()).contains("Not a post");
        assertThat(resultFor(job, "binary.md").reason()).contains("binary");
        assertThat(resultFor(job, "broken.md").reason()).contains("front matter is not closed");
        assertThat(resultFor(job, "etc/evil.md").reason()).contains("Unsafe name");
        assertThat(resultFor(job, "/abs/evil.md").reason()).contains("Unsafe name");
        assertThat(resultFor(job, "inner.zip").reason()).contains("archive inside an archive");

        BulkImportJob again = finished(bulk.importArchive("posts.zip", archive));
        assertThat(again.imported()).isZero();
        assertThat(again.duplicates()).isEqualTo(31);
        assertThat(library.count()).isEqualTo(before + 30);
    }

    @Test
    void aZipBombIsStoppedByTheRatioAndTotalLimits() throws Exception {
        byte[] zeros = ("<p>" + "a".repeat(190_000) + "</p>").getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("bomb.html", zeros);
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 40; i++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < 50_000) {
                text.append((char) (0x4E00 + random.nextInt(0x5000)));
            }
            entries.put("filler-" + i + ".txt", text.toString().getBytes(StandardCharsets.UTF_8)); // ~150 KB each
        }
        Path archive = zip("bomb.zip", entries);
        long before = library.count();

        BulkImportJob job = finished(bulk.importArchive("bomb.zip", archive));

        assertThat(resultFor(job, "bomb.html").reason()).contains("like a zip bomb");
        assertThat(job.message()).contains("unpacks to more than 5.0 MB");
        assertThat(job.results()).hasSizeLessThan(41);
        assertThat(library.count()).isGreaterThanOrEqualTo(before);
    }

    @Test
    void aFileThatIsNotAZipIsReportedAndNothingIsStored() throws Exception {
        Path notZip = dir.resolve("fake.zip");
        Files.writeString(notZip, "not a zip at all");
        long before = library.count();

        BulkImportJob job = finished(bulk.importArchive("fake.zip", notZip));

        assertThat(job.results()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(r.reason()).contains("Not a valid .zip");
        });
        assertThat(library.count()).isEqualTo(before);
    }

    @Test
    void aJobCanBeCancelledAndKeepsWhatItImported() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 400; i++) {
            entries.put(i + ".md", post(1000 + i).getBytes(StandardCharsets.UTF_8));
        }
        Path archive = zip("many.zip", entries);

        BulkImportJob job = bulk.importArchive("many.zip", archive);
        job.addListener(j -> {
            if (j.done() >= 5) {
                j.cancel();
            }
        });
        finished(job);

        assertThat(job.status()).isEqualTo(BulkImportJob.Status.CANCELLED);
        assertThat(job.done()).isLessThan(400);
        assertThat(job.imported()).isPositive();
    }

    @Test
    void uploadedFilesAreImportedAndTheirTemporaryFilesDeleted() throws Exception {
        Path a = Files.writeString(dir.resolve("a.tmp"), post(2001));
        Path seed = Files.write(dir.resolve("seed.tmp"), Fixtures.seedPost());
        Path z = zip("two.zip", Map.of("x.md", post(2002).getBytes(StandardCharsets.UTF_8)));

        BulkImportJob job = finished(bulk.importUploads(List.of(new BulkImportService.UploadedFile("a.md", a),
                new BulkImportService.UploadedFile("seed.md", seed), new BulkImportService.UploadedFile("two.zip", z))));

        assertThat(job.done()).isEqualTo(3);
        assertThat(job.skipped()).isZero();
        assertThat(a).doesNotExist();
        assertThat(z).doesNotExist();
    }

    @Test
    void aFolderIsImportedOnlyBelowTheConfiguredRoots() throws Exception {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "duizhao-bulk-test-root");
        Path folder = Files.createDirectories(root.resolve("archive-" + System.nanoTime() + "/2021"));
        Files.writeString(folder.resolve("a.md"), post(3001));
        Files.writeString(folder.resolve("b.html"), "<html><head><title>三零零二</title></head><body><p>第三千零二篇文章的正文。"
                + "</p></body></html>");
        Files.writeString(folder.resolve("notes.pdf"), "%PDF");

        assertThat(bulk.folderChoices()).contains(folder.toRealPath().toString());
        BulkImportJob job = finished(bulk.importFolder(folder.getParent().toString()));

        assertThat(job.imported()).isEqualTo(2);
        assertThat(job.skipped()).isEqualTo(1);
        assertThatThrownBy(() -> bulk.importFolder(dir.toString())).isInstanceOf(ImportException.class)
                .hasMessageContaining("only import folders below");
        assertThatThrownBy(() -> bulk.importFolder(root + "/../..")).isInstanceOf(ImportException.class);
    }

    @Test
    void entryNamesThatClimbOutOrAreAbsoluteAreRefused() {
        assertThat(SafeZip.nameProblem("a/../../b.md")).isNotNull();
        assertThat(SafeZip.nameProblem("..\\b.md")).isNotNull();
        assertThat(SafeZip.nameProblem("/etc/passwd")).isNotNull();
        assertThat(SafeZip.nameProblem("C:\\Windows\\x.md")).isNotNull();
        assertThat(SafeZip.nameProblem("posts/2021/a..b.md")).isNull();
    }

    static byte[] zipBytes(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
