package app.duizhao.translation;

import app.duizhao.importing.CleaningAuditService;
import app.duizhao.importing.ImportService;
import app.duizhao.library.ArticleAccess;
import app.duizhao.library.ArticleEditor;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import app.duizhao.library.LibraryService;
import app.duizhao.library.TextHash;
import app.duizhao.testsupport.FakeLlmServer;
import app.duizhao.testsupport.FakeReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A paragraph has an identity: a translation that is running while a removed fragment is restored (which moves the
 * later paragraphs down one place) stores each English on the paragraph it was made for, never on the one that now
 * stands at its old position; and a translation of a text the paragraph no longer has is not stored at all.
 */
@SpringBootTest
@ActiveProfiles("test")
class TranslationDuringRestoreTest {

    static final FakeLlmServer server = FakeLlmServer.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("duizhao.llm.provider", () -> "openai");
        registry.add("duizhao.llm.base-url", () -> server.baseUrl("openai"));
        registry.add("duizhao.llm.model", () -> "restore-race-model");
        registry.add("duizhao.llm.api-key", () -> "sk-test-restore");
        registry.add("duizhao.llm.timeout", () -> "PT60S");
        registry.add("duizhao.llm.max-retries", () -> "0");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Autowired
    ImportService importer;
    @Autowired
    CleaningAuditService audit;
    @Autowired
    LibraryService library;
    @Autowired
    TranslationService translation;
    @Autowired
    ArticleEditor editor;
    @Autowired
    ArticleAccess access;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void aTranslationRunningWhileAFragmentIsRestoredPutsEachEnglishOnItsOwnParagraph() throws Exception {
        long id = importer.importText("""
                <p>第一段：上海今天下雨了。</p>
                <p>第二段：行人都打着伞。</p>
                <div class="advertisement">广告：订阅早报数码版，首月一元</div>
                <p>第三段：地铁里人很多。</p>
                <p>第四段：晚上雨停了。</p>
                """).articleId();
        CleaningAuditService.RemovedItem ad = audit.removed(id).stream()
                .filter(r -> r.text().contains("订阅早报数码版")).findFirst().orElseThrow();
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch restored = new CountDownLatch(1);
        // The model answers only once the fragment is back: every English arrives after the paragraphs moved.
        server.defaultReply(FakeReply.custom(call -> {
            if (!call.isSummary()) {
                asked.countDown();
                try {
                    restored.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return FakeReply.defaultAnswer(call);
        }));

        TranslationJob job = translation.start(id, true);
        assertThat(asked.await(60, TimeUnit.SECONDS)).as("the model was asked").isTrue();
        int restoredAt = audit.restore(id, ad.id());
        restored.countDown();
        assertThat(job.await(Duration.ofSeconds(60))).as("job ends").isTrue();

        assertThat(restoredAt).isEqualTo(2);
        ArticleSnapshot article = library.snapshot(id).orElseThrow();
        assertThat(article.blocks()).extracting(SnapshotBlock::text).containsExactly("第一段：上海今天下雨了。",
                "第二段：行人都打着伞。", "广告：订阅早报数码版，首月一元", "第三段：地铁里人很多。", "第四段：晚上雨停了。");
        SnapshotBlock restoredBlock = article.blocks().get(2);
        assertThat(restoredBlock.machineEnglish()).as("the restored paragraph was not part of the run").isNull();
        for (SnapshotBlock block : article.blocks()) {
            if (block != restoredBlock) {
                // The fake model names the text it translated: each paragraph holds the English of its own text.
                assertThat(block.machineEnglish()).as("English of paragraph %d", block.position())
                        .endsWith("English for " + block.text().substring(0, 8));
            }
        }
    }

    @Test
    void aTranslationOfTextTheParagraphNoLongerHasIsNotStored() {
        long id = importer.importText("<p>第一段：今天是晴天。</p><p>第二段：明天会下雪。</p>").articleId();
        long second = transactions.execute(status -> access.require(id).getBlocks().get(1).getId());

        boolean stale = editor.recordTranslation(second, TextHash.of("第二段：明天会下雨。"), "It will rain tomorrow.",
                "LLM", "m");
        boolean current = editor.recordTranslation(second, TextHash.of("第二段：明天会下雪。"), "It will snow tomorrow.",
                "LLM", "m");

        assertThat(stale).isFalse();
        assertThat(current).isTrue();
        assertThat(library.snapshot(id).orElseThrow().blocks()).extracting(SnapshotBlock::machineEnglish)
                .containsExactly(null, "It will snow tomorrow.");
        assertThat(editor.recordTranslation(Long.MAX_VALUE, TextHash.of("x"), "x", "LLM", "m"))
                .as("a block that is gone").isFalse();
    }
}
