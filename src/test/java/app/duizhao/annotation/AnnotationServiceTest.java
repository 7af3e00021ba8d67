package app.duizhao.annotation;

import app.duizhao.importing.ImportService;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.LibraryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@ActiveProfiles("test")
class AnnotationServiceTest {

    @Autowired
    ImportService importer;

    @Autowired
    LibraryService library;

    @Autowired
    AnnotationService annotations;

    private long article(String text) {
        return importer.importText(text).articleId();
    }

    @Test
    void aNoteAndACorrectionAreStoredWithTheirParagraph() {
        long id = article("注释的第一段。\n\n注释的第二段。");

        annotations.setNote(id, 1, "  Remember this idiom.  ");
        annotations.correctEnglish(id, 0, "My own English for the first paragraph.");

        ArticleSnapshot article = library.snapshot(id).orElseThrow();
        assertThat(article.blocks().get(1).note()).isEqualTo("Remember this idiom.");
        assertThat(article.blocks().get(0).english()).isEqualTo("My own English for the first paragraph.");
        assertThat(article.blocks().get(0).isCorrected()).isTrue();
        assertThat(article.blocks().get(0).note()).isNull();
    }

    @Test
    void blankTextRemovesANoteOrACorrection() {
        long id = article("要删除的注释。");
        annotations.setNote(id, 0, "temporary");
        annotations.correctEnglish(id, 0, "temporary");

        annotations.setNote(id, 0, " ");
        annotations.correctEnglish(id, 0, "");

        ArticleSnapshot.SnapshotBlock block = library.snapshot(id).orElseThrow().blocks().getFirst();
        assertThat(block.note()).isNull();
        assertThat(block.correctedEnglish()).isNull();
    }

    @Test
    void aSavedVersionNeverChangesWhenTheArticleDoes() {
        long id = article("版本的第一段。\n\n版本的第二段。");
        annotations.setNote(id, 0, "first note");
        annotations.correctEnglish(id, 1, "Second, as corrected.");

        VersionInfo saved = annotations.saveVersion(id, "Before the big edit");
        annotations.setNote(id, 0, "changed note");
        annotations.correctEnglish(id, 1, "Changed again.");

        ArticleSnapshot version = annotations.version(id, saved.number()).orElseThrow();
        assertThat(version.versionNumber()).isEqualTo(1);
        assertThat(version.message()).isEqualTo("Before the big edit");
        assertThat(version.savedAt()).isNotNull();
        assertThat(version.blocks().get(0).note()).isEqualTo("first note");
        assertThat(version.blocks().get(1).english()).isEqualTo("Second, as corrected.");
        assertThat(version.blocks()).extracting(ArticleSnapshot.SnapshotBlock::text)
                .containsExactly("版本的第一段。", "版本的第二段。");
    }

    @Test
    void versionsAreNumberedAndListedNewestFirst() {
        long id = article("多个版本。");

        annotations.saveVersion(id, null);
        annotations.saveVersion(id, "  second  ");

        List<VersionInfo> versions = annotations.versions(id);
        assertThat(versions).extracting(VersionInfo::number).containsExactly(2, 1);
        assertThat(versions.getFirst().message()).isEqualTo("second");
        assertThat(versions.getLast().message()).isNull();
    }

    @Test
    void anUnknownVersionIsEmpty() {
        long id = article("没有这个版本。");

        assertThat(annotations.version(id, 99)).isEmpty();
        assertThat(annotations.version(987654, 1)).isEmpty();
    }
}
