package app.duizhao.api;

import app.duizhao.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API over a real server: {@code /api/**} must reach Spring MVC, not Vaadin's servlet. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "duizhao.import.max-bytes=2000000")
@ActiveProfiles("test")
class ArticleApiControllerTest {

    private static final List<String> KINDS = List.of("heading", "paragraph", "quote", "list-item", "table-row",
            "image", "caption", "byline");

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> postJson(String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/api/articles")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    private HttpResponse<String> postFile(String name, byte[] content) throws IOException, InterruptedException {
        String boundary = "----duizhao" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri("/api/articles"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private JsonNode parse(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return json.readTree(response.body());
    }

    @Test
    void uploadingAPostAnswers201WithTheCleanedArticleAndGetAnswersTheSame() throws Exception {
        HttpResponse<String> created = postFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost());

        assertThat(created.statusCode()).isIn(201, 200);
        JsonNode article = parse(created);
        long id = article.get("id").asLong();
        assertThat(created.headers().firstValue("Location")).hasValue(uri("/api/articles/" + id).toString());
        assertThat(article.get("title").asString()).isEqualTo("秦刚：中美关系的大球仍需小球推动");
        assertThat(article.get("source").asString()).isEqualTo("联合早报");
        assertThat(article.get("url").asString()).startsWith("https://www.zaobao.com/");
        assertThat(article.get("date").asString()).startsWith("2021-11-24T06:44:41");
        assertThat(article.get("blocks").size()).isGreaterThan(3);
        List<String> kinds = new ArrayList<>();
        for (JsonNode block : article.get("blocks")) {
            assertThat(block.has("index")).isTrue();
            assertThat(block.has("text")).isTrue();
            assertThat(block.has("english")).isTrue();
            kinds.add(block.get("kind").asString());
        }
        assertThat(KINDS).containsAll(kinds);
        assertThat(article.get("removed").isArray()).isTrue();
        for (JsonNode removed : article.get("removed")) {
            assertThat(removed.has("reason")).isTrue();
            assertThat(removed.has("text")).isTrue();
        }
        assertThat(article.get("translation").get("status").asString()).isIn("none", "done", "partial");
        assertThat(article.has("summary")).isTrue();

        HttpResponse<String> fetched = send(HttpRequest.newBuilder(uri("/api/articles/" + id)).GET().build());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(parse(fetched)).isEqualTo(article);

        // The same post again is a no-op: 200 with the stored article.
        HttpResponse<String> again = postFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(parse(again).get("id").asLong()).isEqualTo(id);
    }

    @Test
    void postingJsonTextAnswers201WithParagraphs() throws Exception {
        HttpResponse<String> created = postJson("{\"text\": \"接口测试的第一段。\\n\\n接口测试的第二段。\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode article = parse(created);
        assertThat(article.get("blocks").size()).isEqualTo(2);
        assertThat(article.get("blocks").get(0).get("kind").asString()).isEqualTo("paragraph");
        assertThat(article.get("blocks").get(1).get("text").asString()).isEqualTo("接口测试的第二段。");
        assertThat(article.get("blocks").get(1).get("index").asInt()).isEqualTo(1);
        assertThat(article.get("date").isNull()).isTrue();
    }

    @Autowired
    app.duizhao.export.ExportService exports;

    @Autowired
    app.duizhao.annotation.AnnotationService annotations;

    @Autowired
    app.duizhao.library.LibraryService library;

    @Test
    void theJsonExportPostedBackIsImportedAsANewArticleWithItsNotes() throws Exception {
        long id = parse(postJson("{\"text\": \"往返测试的第一段。\\n\\n往返测试的第二段。\"}")).get("id").asLong();
        annotations.setNote(id, 1, "round-trip note");
        String exported = new String(exports.export(id, null, app.duizhao.export.ExportFormat.JSON).content(),
                StandardCharsets.UTF_8);

        // A restore: while the same article is stored, posting its export answers that one (a no-op).
        library.delete(id);
        HttpResponse<String> reimported = postJson(exported);

        assertThat(reimported.statusCode()).isIn(200, 201);
        long copy = parse(reimported).get("id").asLong();
        assertThat(copy).isNotEqualTo(id);
        assertThat(library.snapshot(copy).orElseThrow().blocks().get(1).note()).isEqualTo("round-trip note");
        assertThat(parse(reimported).get("blocks").get(1).get("text").asString()).isEqualTo("往返测试的第二段。");
        assertThat(postJson("{\"format\": \"duizhao-article\", \"schemaVersion\": 999}").statusCode())
                .isBetween(400, 499);
    }

    @Test
    void badInputAnswers4xxWithAnErrorMessage() throws Exception {
        assertError(postJson("{\"text\": "), 400, "not valid JSON");
        assertError(postJson("[1, 2]"), 400, "must be an object");
        assertError(postJson("{}"), 400, "\"url\" or \"text\"");
        assertError(postJson("{\"text\": \"   \"}"), 400, "no text");
        assertError(postJson("{\"url\": \"ftp://example.invalid/x\"}"), 422, "");
        assertError(postJson("{\"url\": \"http://127.0.0.1:1/private\"}"), 422, "");
        assertError(postFile("picture.png", new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 0, 1}), 415, "");
        assertError(postFile("big.md", "中".repeat(700_000).getBytes(StandardCharsets.UTF_8)), 413, "limit");
        assertError(postJson("{\"text\": \"" + "中".repeat(700_000) + "\"}"), 413, "limit");
        assertError(send(HttpRequest.newBuilder(uri("/api/articles")).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build()), 415, "multipart");
        assertError(send(HttpRequest.newBuilder(uri("/api/articles/999999999")).GET().build()), 404, "no article");
        assertError(send(HttpRequest.newBuilder(uri("/api/articles/abc")).GET().build()), 404, "no article");
    }

    private void assertError(HttpResponse<String> response, int status, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = parse(response);
        assertThat(body.get("error").asString()).isNotBlank().containsIgnoringCase(messagePart);
    }

    @Test
    void everyErrorOfTheApiAnswersTheSameJsonShape() throws Exception {
        long id = parse(postJson("{\"text\": \"错误形状测试的第一段。" + System.nanoTime() + "\"}")).get("id").asLong();

        assertError(send(HttpRequest.newBuilder(uri("/api/no-such-thing")).GET().build()), 404, "no API route");
        assertError(send(HttpRequest.newBuilder(uri("/api/articles/" + id + "/nothing-here")).DELETE().build()), 404,
                "no API route");
        assertError(send(HttpRequest.newBuilder(uri("/api/articles/" + id + "/translate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"force\": tru")).build()), 400, "not valid JSON");
        assertError(send(HttpRequest.newBuilder(uri("/api/articles/" + id + "/translate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"force\": \"yes\"}")).build()), 400, "\"force\"");
        assertError(send(HttpRequest.newBuilder(uri("/api/articles/" + id + "/notes"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("block,text")).build()), 415, "application/json");
        assertError(send(HttpRequest.newBuilder(uri("/api/export?format=md")).GET().build()), 400, "'ids' is missing");
    }
}
