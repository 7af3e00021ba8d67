package app.duizhao.annotation;

import app.duizhao.export.ExportFormat;
import app.duizhao.export.ExportService;
import app.duizhao.importing.ImportResult;
import app.duizhao.importing.ImportService;
import app.duizhao.library.LibraryService;
import app.duizhao.testsupport.PostgresSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Highlights, tags, drafts, locking, versions and the JSON round trip on a real PostgreSQL server (V5 there). */
@SpringBootTest
@ActiveProfiles("test")
@EnabledIfEnvironmentVariable(named = "DUIZHAO_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.*",
        disabledReason = "DUIZHAO_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against")
class AnnotationsOnPostgresTest {

    static final String SCHEMA = PostgresSchema.newName();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSchema.register(registry, SCHEMA);
    }

    @Autowired
    ImportService importer;

    @Autowired
    LibraryService library;

    @Autowired
    AnnotationService annotations;

    @Autowired
    ExportService exports;

    @Test
    void annotationsVersionsAndTheJsonRoundTripWorkOnPostgres() {
        long id = importer.importText("中国驻美大使秦刚表示。\n\n乒乓外交。").articleId();
        annotations.correctEnglish(id, 0, "Ambassador Qin Gang said.");
        annotations.addHighlight(id, 0, Side.ZH, 6, 8, HighlightColour.GREEN, "笔记 **Markdown**");
        annotations.addHighlight(id, 0, Side.EN, 11, 19, HighlightColour.BLUE, null);
        annotations.setTags(id, List.of("pg", "外交"));
        annotations.saveDraft(id, 1, DraftField.NOTE, "draft");
        annotations.saveVersion(id, "one");
        long opened = annotations.revision(id, 1);
        annotations.setNote(id, 1, opened, "first tab");
        assertThatThrownBy(() -> annotations.setNote(id, 1, opened, "second tab"))
                .isInstanceOf(EditConflictException.class);
        annotations.correctEnglish(id, 0, "Someone said.");
        annotations.saveVersion(id, "two");

        assertThat(annotations.highlights(id)).filteredOn(HighlightInfo::orphaned).hasSize(1);
        assertThat(annotations.compare(id, 1, 2).blocks()).isNotEmpty();
        assertThat(annotations.restore(id, 1).number()).isEqualTo(3);
        assertThat(annotations.drafts(id)).extracting(DraftInfo::field).contains(DraftField.CONFLICT_NOTE);

        byte[] json = exports.export(id, null, ExportFormat.JSON).content();
        // A restore from the export: a library that still has the same article would answer that one (a no-op).
        library.delete(id);
        ImportResult copy = exports.importJson(json);
        assertThat(annotations.highlights(copy.articleId())).hasSize(2);
        assertThat(annotations.tags(copy.articleId())).containsExactly("pg", "外交");
        assertThat(annotations.versions(copy.articleId())).hasSize(3);
        assertThat(new String(exports.export(copy.articleId(), null, ExportFormat.MD).content(),
                StandardCharsets.UTF_8)).contains("==秦刚==[^1]");
    }
}
