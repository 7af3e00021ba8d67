package app.duizhao.translation;

import app.duizhao.importing.ImportService;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.LibraryService;
import app.duizhao.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@ActiveProfiles("test")
class OfflineTranslationServiceTest {

    @Autowired
    ImportService importer;

    @Autowired
    LibraryService library;

    @Autowired
    TranslationService translation;

    @Test
    void withNoLlmConfiguredEveryBlockGetsAnOfflineGlossAndTheSummaryIsAnExtract() throws InterruptedException {
        long id = importer.importFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost()).articleId();

        TranslationJob job = translation.start(id, false);

        assertThat(job.await(Duration.ofSeconds(60))).isTrue();
        assertThat(job.status()).isEqualTo(TranslationJob.Status.DONE);
        assertThat(job.engine().kind()).isEqualTo(OutputKind.OFFLINE);
        ArticleSnapshot article = library.snapshot(id).orElseThrow();
        assertThat(article.isOfflineGloss()).isTrue();
        assertThat(article.blocks()).allSatisfy(block -> {
            assertThat(block.machineEnglish()).isNotBlank();
            assertThat(block.isOfflineGloss()).isTrue();
        });
        assertThat(article.summary()).isNotBlank();
        assertThat(article.isOfflineSummary()).isTrue();
    }

    @Test
    void reopeningATranslatedArticleCostsNoNewWork() throws InterruptedException {
        long id = importer.importText("第一段文字。\n\n第二段文字。").articleId();
        TranslationJob first = translation.start(id, false);
        assertThat(first.await(Duration.ofSeconds(60))).isTrue();

        TranslationJob second = translation.start(id, false);
        assertThat(second.await(Duration.ofSeconds(60))).isTrue();

        assertThat(first.total()).isEqualTo(2);
        assertThat(second.total()).isZero();
        assertThat(second.isSummarizing()).isFalse();
    }

    @Test
    void translatingAgainOnPurposeRedoesEveryBlock() throws InterruptedException {
        long id = importer.importText("重新翻译的第一段。\n\n重新翻译的第二段。").articleId();
        assertThat(translation.start(id, false).await(Duration.ofSeconds(60))).isTrue();

        TranslationJob again = translation.start(id, true);

        assertThat(again.await(Duration.ofSeconds(60))).isTrue();
        assertThat(again.total()).isEqualTo(2);
        assertThat(again.done()).isEqualTo(2);
    }
}
