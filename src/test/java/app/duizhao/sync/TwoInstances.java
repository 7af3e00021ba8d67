package app.duizhao.sync;

import app.duizhao.DuizhaoApplication;
import app.duizhao.annotation.AnnotationService;
import app.duizhao.importing.ImportService;
import app.duizhao.library.ArticleSummary;
import app.duizhao.library.LibraryQuery;
import app.duizhao.library.LibraryService;
import app.duizhao.study.NewVocabularyWord;
import app.duizhao.study.StudyService;
import app.duizhao.study.VocabularyService;
import app.duizhao.study.WordStatus;
import app.duizhao.testsupport.FakeLlmServer;
import app.duizhao.testsupport.FakeReply;
import app.duizhao.translation.EngineSettings;
import app.duizhao.translation.TranslationEngines;
import app.duizhao.translation.TranslationJob;
import app.duizhao.translation.TranslationService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the application (two Spring Boot contexts with web servers on ports of their own) on one
 * database, each with its own data folder and search index, as behind a reverse proxy with sticky sessions: what
 * one changes, the other shows within a second or two. Subclasses name the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TwoInstances {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private Path folders;

    private final HttpClient http = HttpClient.newHttpClient();
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;

    /** Command-line arguments that point an instance at the shared database. */
    abstract List<String> database();

    @BeforeAll
    void startBoth(@TempDir Path folders) {
        this.folders = folders;
        a = start("a");
        b = start("b");
    }

    @AfterAll
    void stopBoth() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    private ConfigurableApplicationContext start(String name) {
        List<String> args = new ArrayList<>(database());
        Path dataDir = folders.resolve(name);
        args.add("--duizhao.data-dir=" + dataDir);
        args.add("--duizhao.library.index-dir=" + dataDir.resolve("index"));
        args.add("--server.port=0");
        args.add("--duizhao.sync.interval=200ms");
        // Vaadin scans only our own views (and its components): the whole class path takes seconds per start.
        args.add("--vaadin.allowed-packages=app/duizhao");
        return new SpringApplicationBuilder(DuizhaoApplication.class).profiles("test").run(args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void anArticleImportedCorrectedTranslatedAndDeletedOnOneInstanceShowsSoOnTheOther() throws Exception {
        long id = a.getBean(ImportService.class).importText("""
                双实例检索的测试文章。两台服务器共用一个数据库。

                第二段落讲的是反向代理和粘性会话。""").articleId();
        LibraryService libraryOfB = b.getBean(LibraryService.class);
        await(() -> ids(libraryOfB, LibraryQuery.search("双实例检索", 10)).contains(id));
        assertThat(get(b, "/api/articles/" + id).statusCode()).isEqualTo(200);

        a.getBean(AnnotationService.class).correctEnglish(id, 1, "Sticky sessions keep each browser on one server.");
        await(() -> ids(libraryOfB, LibraryQuery.search("sticky", 10)).contains(id));

        a.getBean(TranslationService.class).start(id, false).await(WAIT);
        await(() -> ids(libraryOfB, LibraryQuery.all(10).withStatuses(Set.of(ArticleSummary.TranslationState.GLOSSED)))
                .contains(id));
        assertThat(get(b, "/api/articles/" + id).body()).contains("\"status\":\"done\"");

        a.getBean(LibraryService.class).delete(id);
        await(() -> !ids(libraryOfB, LibraryQuery.search("双实例检索", 10)).contains(id));
        assertThat(get(b, "/api/articles/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void engineSettingsVocabularyAndSegmentationChangedOnOneInstanceHoldOnTheOther() {
        TranslationEngines enginesOfA = a.getBean(TranslationEngines.class);
        TranslationEngines enginesOfB = b.getBean(TranslationEngines.class);
        EngineSettings changed = new EngineSettings("openai", "http://127.0.0.1:9/v1", "shared-model",
                Duration.ofSeconds(7), 1, 3, enginesOfA.settings().batchTokens(), true);
        enginesOfA.update(changed);
        await(() -> enginesOfB.settings().equals(changed));
        assertThat(enginesOfB.current().info().model()).isEqualTo("shared-model");
        enginesOfA.reset();
        await(() -> enginesOfB.settings().equals(enginesOfB.defaults()));
        assertThat(enginesOfB.current().info().provider()).isEqualTo("offline");

        VocabularyService vocabularyOfB = b.getBean(VocabularyService.class);
        assertThat(vocabularyOfB.statuses()).doesNotContainKey("粘性"); // B now keeps the statuses in memory
        a.getBean(VocabularyService.class).add(new NewVocabularyWord("粘性", null, "nián xìng", "stickiness", null,
                null, null));
        await(() -> vocabularyOfB.statuses().get("粘性") == WordStatus.LEARNING);

        StudyService studyOfB = b.getBean(StudyService.class);
        String text = "中美关系很好";
        List<String> before = studyOfB.words(text); // B now keeps the (empty) corrections in memory
        String merged = before.get(0) + before.get(1);
        a.getBean(StudyService.class).mergeWords(List.of(before.get(0), before.get(1)));
        await(() -> studyOfB.words(text).getFirst().equals(merged));
    }

    @Test
    @Order(3)
    void aTranslationRunningOnOneInstanceShowsAsRunningOnTheOtherWhichStartsNoSecondOne() throws Exception {
        try (FakeLlmServer llm = FakeLlmServer.start()) {
            llm.firstByteLatency(Duration.ofMillis(1500));
            TranslationEngines enginesOfA = a.getBean(TranslationEngines.class);
            enginesOfA.update(new EngineSettings("openai", llm.baseUrl(), "slow-model", Duration.ofSeconds(20), 0, 2,
                    enginesOfA.settings().batchTokens(), false));
            try {
                long id = a.getBean(ImportService.class).importText("""
                        这篇文章由一台服务器翻译。

                        另一台服务器只看进度。""").articleId();
                TranslationJob onA = a.getBean(TranslationService.class).start(id, false);
                await(() -> get(b, "/api/articles/" + id).body().contains("\"status\":\"running\""));

                TranslationJob onB = b.getBean(TranslationService.class).start(id, false);
                assertThat(onB.await(WAIT)).isTrue();
                assertThat(onB.status()).isEqualTo(TranslationJob.Status.FAILED);
                assertThat(onB.message()).contains("being translated on another instance");
                assertThat(onB.calls()).isZero();
                assertThat(b.getBean(TranslationService.class).status(id).status()).isEqualTo("running");

                assertThat(onA.await(WAIT)).isTrue();
                assertThat(onA.status()).isEqualTo(TranslationJob.Status.DONE);
                assertThat(b.getBean(TranslationService.class).status(id).status()).isEqualTo("done");
                assertThat(get(b, "/api/articles/" + id).body()).contains("\"status\":\"done\"");
            } finally {
                enginesOfA.reset();
            }
        }
    }

    @Test
    @Order(4)
    void anInstanceThatWasDownCatchesUpFromItsOwnIndexAtStartup() {
        long id = a.getBean(ImportService.class).importText("""
                停机期间的修改也要跟上。

                重新启动以后立刻能搜到。""").articleId();
        await(() -> ids(b.getBean(LibraryService.class), LibraryQuery.search("停机期间", 10)).contains(id));
        b.close();
        // The number of articles stays the same: only the feed position stored with B's index tells what it missed.
        a.getBean(AnnotationService.class).correctEnglish(id, 0, "Changes made while the other instance was down.");
        b = start("b");
        assertThat(ids(b.getBean(LibraryService.class), LibraryQuery.search("\"instance was down\"", 10)))
                .containsExactly(id);
    }

    private static List<Long> ids(LibraryService library, LibraryQuery query) {
        return library.search(query).rows().stream().map(ArticleSummary::id).toList();
    }

    private HttpResponse<String> get(ConfigurableApplicationContext instance, String path) {
        int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls until the condition holds (the other instance reads the feed every 200 ms here). */
    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition not met within %s", WAIT).isNegative();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
