package app.duizhao.library;

import app.duizhao.annotation.AnnotationService;
import app.duizhao.importing.ImportService;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import app.duizhao.testsupport.Fixtures;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A translation saving a block's English and the user saving the same block's note at the same moment: each keeps
 * the other's change. (Each transaction read the block before the other committed; writing every column, the
 * later commit put the stale value back. The load benchmark caught it.)
 */
// A database of its own: this test writes blocks through the entities directly, below ArticleEditor, so the search
// index (which follows the editor's events) does not hear of them; other tests' library views must not see them.
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:concurrent-block-writes;DB_CLOSE_DELAY=-1")
@ActiveProfiles("test")
class ConcurrentBlockWritesTest {

    @Autowired
    ImportService importer;

    @Autowired
    AnnotationService annotations;

    @Autowired
    LibraryService library;

    @Autowired
    PlatformTransactionManager transactions;

    @PersistenceContext
    EntityManager entityManager;

    @Test
    void englishSavedOverABlockReadBeforeANoteWasSavedKeepsTheNote() {
        long id = importArticle();

        inTransaction(block -> {
            block.setMachineEnglish("The English.", "LLM", "some-model");
            elsewhere(() -> annotations.setNote(id, 0, "Saved meanwhile."));
        }, id);

        SnapshotBlock block = library.snapshot(id).orElseThrow().blocks().getFirst();
        assertThat(block.note()).isEqualTo("Saved meanwhile.");
        assertThat(block.machineEnglish()).isEqualTo("The English.");
    }

    @Test
    void aNoteSavedOverABlockReadBeforeItsEnglishWasSavedKeepsTheEnglish() {
        long id = importArticle();

        inTransaction(block -> {
            block.setNote("My note.");
            elsewhere(() -> inTransaction(other -> other.setMachineEnglish("English saved meanwhile.", "LLM",
                    "some-model"), id));
        }, id);

        SnapshotBlock block = library.snapshot(id).orElseThrow().blocks().getFirst();
        assertThat(block.note()).isEqualTo("My note.");
        assertThat(block.machineEnglish()).isEqualTo("English saved meanwhile.");
    }

    /** Loads block 0 of the article in a transaction of its own, changes it, and commits. */
    private void inTransaction(Consumer<ArticleBlock> change, long articleId) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> change.accept(
                entityManager.createQuery("select b from ArticleBlock b where b.article.id = :article "
                                + "and b.position = 0", ArticleBlock.class)
                        .setParameter("article", articleId).getSingleResult()));
    }

    /** Runs on another thread, in its own transaction, and waits until it has committed. */
    private static void elsewhere(Runnable work) {
        CompletableFuture.runAsync(work).join();
    }

    private long importArticle() {
        String post = Fixtures.seedPostText()
                .replaceFirst("(?m)^from: .*$", "from: https://example.test/" + UUID.randomUUID())
                .replace("<p>中国驻美大使", "<p>" + UUID.randomUUID() + " 中国驻美大使");
        return importer.importFile("concurrent.md", post.getBytes(StandardCharsets.UTF_8)).articleId();
    }
}
