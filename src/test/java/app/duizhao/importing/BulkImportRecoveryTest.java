package app.duizhao.importing;

import app.duizhao.account.AccountService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bulk import the server did not finish (its row still "running", its uploads still kept) is reported at the next
 * start as interrupted, with what it had done, and resumes: the files the first run stored count as already in the
 * library, the rest are imported, and the kept uploads go. The start also deletes what the last run left behind:
 * uploads that never became a job, and the bulk-upload temp files of older versions in the system's temp folder.
 */
@SpringBootTest
@ActiveProfiles("test")
class BulkImportRecoveryTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("duizhao.data-dir", () -> dataDir.toString());
    }

    @Autowired BulkImportService bulk;
    @Autowired ImportService importer;
    @Autowired JdbcTemplate jdbc;

    @Test
    void anImportLeftRunningByAStoppedServerIsReportedAsInterruptedAndResumesWhatIsMissing() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        // The previous life: three uploads kept for its job, the first of them already imported.
        Path jobDir = Files.createDirectories(dataDir.resolve("uploads").resolve("job-" + tag));
        for (int i = 0; i < 3; i++) {
            Files.writeString(jobDir.resolve(String.format("%04d-post-%d.md", i, i)), post(tag, i));
        }
        importer.importFile("post-0.md", post(tag, 0).getBytes(StandardCharsets.UTF_8));
        OffsetDateTime then = OffsetDateTime.now().minusMinutes(3);
        jdbc.update("insert into bulk_import_job (owner_id, source, status, total, imported, duplicates, skipped, "
                        + "upload_dir, server_path, started_at, updated_at) values (?, ?, 'running', 3, 1, 0, 0, ?, "
                        + "null, ?, ?)", AccountService.LOCAL_USER_ID, "3 files " + tag, jobDir.toString(), then, then);
        Path pending = Files.writeString(dataDir.resolve("uploads").resolve("pending-" + tag + ".upload"), "x");
        Path legacy = Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "duizhao-bulk-" + tag + ".upload"),
                "left by an older version");
        FileTime beforeThisProcess = FileTime.from(Instant.now().minusSeconds(24 * 3600));
        for (Path old : new Path[]{jobDir, pending, legacy}) {
            Files.setLastModifiedTime(old, beforeThisProcess);
        }

        bulk.recover(); // what the server does when it starts

        assertThat(pending).doesNotExist();
        assertThat(legacy).doesNotExist();
        assertThat(jobDir).isDirectory();
        BulkImportService.InterruptedImport stopped = bulk.interrupted().stream()
                .filter(i -> i.source().endsWith(tag)).findFirst().orElseThrow();
        assertThat(stopped.total()).isEqualTo(3);
        assertThat(stopped.done()).isEqualTo(1);
        assertThat(stopped.imported()).isEqualTo(1);

        BulkImportJob resumed = bulk.resume(stopped.id());
        assertThat(resumed.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(resumed.status()).isEqualTo(BulkImportJob.Status.DONE);
        assertThat(resumed.duplicates()).as("the post the first run stored").isEqualTo(1);
        assertThat(resumed.imported()).as("the rest").isEqualTo(2);
        assertThat(jobDir).doesNotExist();
        assertThat(bulk.interrupted()).noneMatch(i -> i.id() == stopped.id());
        assertThat(jdbc.queryForObject("select status from bulk_import_job where id = ?", String.class, stopped.id()))
                .isEqualTo("resumed");
    }

    @Test
    void aRunningJobIsRecordedAsItGoesAndClosedWhenItEnds() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path upload = bulk.newUploadFile();
        assertThat(upload.getParent()).isEqualTo(dataDir.resolve("uploads").toAbsolutePath());
        Files.writeString(upload, post(tag, 9));
        BulkImportJob job = bulk.importUploads(java.util.List.of(new BulkImportService.UploadedFile("p.md", upload)));
        assertThat(job.await(60, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(jdbc.queryForList("select status from bulk_import_job where source = 'p.md'", String.class))
                .contains("done");
        assertThat(upload).doesNotExist();
        try (var left = Files.list(dataDir.resolve("uploads"))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("job-")).count()).isZero();
        }
    }

    static String post(String tag, int i) {
        return "---\ntitle: 恢复" + tag + "第" + i + "篇\nfrom: https://example.com/recovery/" + tag + "/" + i
                + "\n---\n<p>这是恢复测试" + tag + "的第" + i + "篇文章，内容各不相同。编号" + i + "。</p>\n";
    }
}
