package app.duizhao.postgres;

import app.duizhao.annotation.AnnotationService;
import app.duizhao.annotation.VersionInfo;
import app.duizhao.export.ExportService;
import app.duizhao.importing.ImportService;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.LibraryService;
import app.duizhao.testsupport.Fixtures;
import app.duizhao.testsupport.PostgresSchema;
import app.duizhao.translation.TranslationJob;
import app.duizhao.translation.TranslationService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same Flyway migrations and services on a real PostgreSQL server. {@code .ci/run} installs and starts one and
 * sets {@code DUIZHAO_TEST_POSTGRES_URL}; without it this test is skipped. Each run works in a schema of its own.
 */
@SpringBootTest
@ActiveProfiles("test")
@EnabledIfEnvironmentVariable(named = "DUIZHAO_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.*",
        disabledReason = "DUIZHAO_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against")
class PostgresIntegrationTest {

    static final String SCHEMA = "dz_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSchema.register(registry, SCHEMA);
    }

    @Autowired
    ImportService importer;

    @Autowired
    LibraryService library;

    @Autowired
    TranslationService translation;

    @Autowired
    AnnotationService annotations;

    @Autowired
    ExportService exports;

    @Test
    void theWholePathWorksOnPostgres() throws InterruptedException {
        long id = importer.importFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost()).articleId();
        assertThat(importer.importFile("again.md", Fixtures.seedPost()).duplicate()).isTrue();

        TranslationJob job = translation.start(id, false);
        assertThat(job.await(Duration.ofSeconds(60))).isTrue();
        assertThat(job.status()).isEqualTo(TranslationJob.Status.DONE);

        annotations.setNote(id, 0, "笔记 on PostgreSQL");
        annotations.correctEnglish(id, 1, "Corrected on PostgreSQL.");
        VersionInfo version = annotations.saveVersion(id, "pg");
        annotations.setNote(id, 0, "changed later");

        ArticleSnapshot saved = annotations.version(id, version.number()).orElseThrow();
        assertThat(saved.blocks()).hasSize(6);
        assertThat(saved.blocks().getFirst().note()).isEqualTo("笔记 on PostgreSQL");
        assertThat(saved.blocks().get(1).english()).isEqualTo("Corrected on PostgreSQL.");
        assertThat(library.list()).anySatisfy(row -> {
            assertThat(row.id()).isEqualTo(id);
            assertThat(row.translatedBlocks()).isEqualTo(6);
        });
        String markdown = new String(exports.markdown(id, version.number()).content(), StandardCharsets.UTF_8);
        assertThat(markdown).contains("笔记 on PostgreSQL", "version: 1");
    }
}
