package app.duizhao.translation;

import app.duizhao.importing.ImportService;
import app.duizhao.library.LibraryService;
import app.duizhao.testsupport.FakeLlmServer;
import app.duizhao.testsupport.FakeReply;
import app.duizhao.testsupport.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The translation REST API over real HTTP, against the fake OpenAI-compatible server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TranslationApiTest {

    static final FakeLlmServer server = FakeLlmServer.start();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ImportService importer;

    @Autowired
    LibraryService library;

    @Autowired
    TranslationService translation;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("duizhao.llm.provider", () -> "openai");
        registry.add("duizhao.llm.base-url", server::baseUrl);
        registry.add("duizhao.llm.model", () -> "api-model");
        registry.add("duizhao.llm.api-key", () -> "sk-api-SECRET-9");
        registry.add("duizhao.llm.timeout", () -> "PT5S");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    private long importSeed(String name) {
        // A paragraph of its own, so that the import is a new article rather than the same one again.
        String text = Fixtures.seedPostText().replaceFirst("(?m)^from: .*$", "from: https://example.test/" + name)
                .replace("</p><p>秦刚指出", "</p><p>这是测试文章" + name + "的一段。</p><p>秦刚指出");
        return importer.importFile(name + ".md", text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).articleId();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json");
        request.POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitDone(long id) throws InterruptedException {
        assertThat(translation.job(id).orElseThrow().await(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void postingTranslateAnswers202AndTheStatusEndsDoneWithEveryBlock() throws Exception {
        long id = importSeed("api-one");

        HttpResponse<String> response = post("/api/articles/" + id + "/translate", null);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("articleId").asLong()).isEqualTo(id);
        assertThat(body.path("engine").path("model").asText()).isEqualTo("api-model");
        assertThat(body.path("translation").path("total").asInt()).isPositive();
        awaitDone(id);
        TranslationStatus status = translation.status(id);
        assertThat(status.status()).isEqualTo("done");
        assertThat(status.done()).isEqualTo(status.total());
        assertThat(library.snapshot(id).orElseThrow().summary()).isNotBlank();
        assertThat(response.body()).doesNotContain("SECRET");
    }

    @Test
    void aProviderAndModelInTheBodyTranslateWithThatModelWithoutChangingTheSettings() throws Exception {
        long id = importSeed("api-two");

        HttpResponse<String> response = post("/api/articles/" + id + "/translate", "{\"model\":\"other-model\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        awaitDone(id);
        assertThat(server.chatRequests()).allMatch(r -> r.chatCall().model().equals("other-model"));
        assertThat(library.snapshot(id).orElseThrow().translationModel()).isEqualTo("other-model");
        assertThat(translation.engineInfo().model()).isEqualTo("api-model");
    }

    @Test
    void translatingADoneArticleAgainCostsNoCallUnlessForced() throws Exception {
        long id = importSeed("api-force");
        assertThat(post("/api/articles/" + id + "/translate", null).statusCode()).isEqualTo(202);
        awaitDone(id);
        server.clearRequests();

        assertThat(post("/api/articles/" + id + "/translate", "{}").statusCode()).isEqualTo(202);
        awaitDone(id);
        assertThat(server.chatRequests()).isEmpty();

        assertThat(post("/api/articles/" + id + "/translate", "{\"force\":true}").statusCode()).isEqualTo(202);
        awaitDone(id);
        // Every block again (past the cache) and the summary again.
        assertThat(server.chatRequests()).anyMatch(r -> !r.chatCall().isSummary())
                .anyMatch(r -> r.chatCall().isSummary());
        assertThat(translation.status(id).status()).isEqualTo("done");
    }

    @Test
    void anUnknownArticleIs404AndAnUnknownProviderIs400() throws Exception {
        assertThat(post("/api/articles/987654/translate", null).statusCode()).isEqualTo(404);
        long id = importSeed("api-three");
        HttpResponse<String> bad = post("/api/articles/" + id + "/translate", "{\"provider\":\"gemini\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("gemini");
    }

    @Test
    void aSelectionRunsInTheBackgroundWithProgressUntilDone() throws Exception {
        long a = importSeed("api-batch-a");
        long b = importSeed("api-batch-b");

        HttpResponse<String> response = post("/api/translations", "{\"ids\":[" + a + "," + b + "]}");

        assertThat(response.statusCode()).isEqualTo(202);
        String batchId = JSON.readTree(response.body()).path("batchId").asText();
        assertThat(response.headers().firstValue("Location")).contains("/api/translations/" + batchId);
        JsonNode progress = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> poll = get("/api/translations/" + batchId);
            assertThat(poll.statusCode()).isEqualTo(200);
            progress = JSON.readTree(poll.body());
            if (progress.path("status").asText().equals("done")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(progress.path("status").asText()).isEqualTo("done");
        assertThat(progress.path("total").asInt()).isEqualTo(2);
        assertThat(progress.path("articles")).extracting(n -> n.path("status").asText()).containsOnly("done");
        assertThat(get("/api/translations/nope").statusCode()).isEqualTo(404);
        assertThat(post("/api/translations", "{\"ids\":[]}").statusCode()).isEqualTo(400);
    }

    @Test
    void theFailureOfAServerThatKeepsFailingShowsAsFailedWithTheBlocksKept() throws Exception {
        long id = importSeed("api-fail");
        server.defaultReply(FakeReply.error(500));

        assertThat(post("/api/articles/" + id + "/translate", null).statusCode()).isEqualTo(202);
        awaitDone(id);

        TranslationStatus status = translation.status(id);
        assertThat(status.status()).isEqualTo("failed");
        assertThat(status.message()).contains("500").doesNotContain("SECRET");
    }
}
