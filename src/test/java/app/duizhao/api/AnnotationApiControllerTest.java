package app.duizhao.api;

import app.duizhao.account.AccountService;
import app.duizhao.account.Role;
import app.duizhao.account.UserAccount;
import app.duizhao.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notes and versions over HTTP with accounts on: the owner (API token) adds notes and saves versions; another user
 * (HTTP Basic) gets exactly the 404 of a missing article and changes nothing; strangers get 401. The properties are
 * those of {@code AccountsIsolationTest}, so both share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "duizhao.auth.enabled=true", "DUIZHAO_ADMIN_USERNAME=first-admin", "DUIZHAO_ADMIN_PASSWORD=first-admin-pass"})
@ActiveProfiles("test")
class AnnotationApiControllerTest {

    private static final String PASSWORD_B = "bravo-secret-2";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    ObjectMapper json;

    String asA;
    String asB;
    long article;

    @BeforeEach
    void anArticleOfA() throws Exception {
        UserAccount a = accounts.create("ann-" + suffix, "alpha-secret-1", Role.USER);
        UserAccount b = accounts.create("ben-" + suffix, PASSWORD_B, Role.USER);
        asA = "Bearer " + accounts.newApiToken(a.id());
        asB = "Basic " + Base64.getEncoder().encodeToString((b.username() + ":" + PASSWORD_B)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = send("POST", "/api/articles", "text/plain", Fixtures.seedPostText(), asA);
        assertThat(created.statusCode()).isEqualTo(201);
        article = json.readTree(created.body()).get("id").asLong();
    }

    @Test
    void addingANoteAnswers201WithTheNoteAndReplacingItAnswers200() throws Exception {
        HttpResponse<String> added = post("/notes", "{\"block\": 1, \"text\": \"  **乒乓外交** matters \"}", asA);

        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(added.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/articles/" + article + "/notes"));
        JsonNode note = json.readTree(added.body());
        assertThat(note.get("block").asInt()).isEqualTo(1);
        assertThat(note.get("text").asString()).isEqualTo("**乒乓外交** matters");
        assertThat(note.get("revision").asLong()).isEqualTo(1);

        assertThat(post("/notes", "{\"block\": 3, \"text\": \"third\"}", asA).statusCode()).isEqualTo(201);
        HttpResponse<String> replaced = post("/notes", "{\"block\": 1, \"text\": \"second thoughts\"}", asA);
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(json.readTree(replaced.body()).get("revision").asLong()).isEqualTo(2);

        JsonNode notes = json.readTree(get("/notes", asA).body());
        assertThat(notes).hasSize(2);
        assertThat(notes.get(0).get("block").asInt()).isEqualTo(1);
        assertThat(notes.get(0).get("text").asString()).isEqualTo("second thoughts");
        assertThat(notes.get(0).get("revision").asLong()).isEqualTo(2);
        assertThat(notes.get(1).get("block").asInt()).isEqualTo(3);
        assertThat(notes.get(1).get("text").asString()).isEqualTo("third");
    }

    @Test
    void aNoteWithAnOldRevisionAnswers409AndOverwritesNothing() throws Exception {
        long revision = json.readTree(post("/notes", "{\"block\": 0, \"text\": \"mine\"}", asA).body())
                .get("revision").asLong();
        assertThat(post("/notes", "{\"block\": 0, \"text\": \"theirs\", \"revision\": " + revision + "}", asA)
                .statusCode()).isEqualTo(200);

        HttpResponse<String> stale = post("/notes", "{\"block\": 0, \"text\": \"mine again\", \"revision\": "
                + revision + "}", asA);

        assertThat(stale.statusCode()).isEqualTo(409);
        JsonNode conflict = json.readTree(stale.body());
        assertThat(conflict.get("error").asString()).contains("nothing was overwritten");
        assertThat(conflict.get("theirs").asString()).isEqualTo("theirs");
        assertThat(conflict.get("revision").asLong()).isEqualTo(revision + 1);
        assertThat(json.readTree(get("/notes", asA).body()).get(0).get("text").asString()).isEqualTo("theirs");
    }

    @Test
    void savingAVersionAnswers201WithItsNumberAndKeepsTheNotesOfThatMoment() throws Exception {
        post("/notes", "{\"block\": 2, \"text\": \"before\"}", asA);

        HttpResponse<String> first = post("/versions", "{\"message\": \"first reading\"}", asA);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/articles/" + article + "/versions/1"));
        JsonNode version = json.readTree(first.body());
        assertThat(version.get("number").asInt()).isEqualTo(1);
        assertThat(version.get("message").asString()).isEqualTo("first reading");
        assertThat(version.get("savedAt").asString()).isNotBlank();

        post("/notes", "{\"block\": 2, \"text\": \"after\"}", asA);
        HttpResponse<String> second = send("POST", "/api/articles/" + article + "/versions", "application/json", "",
                asA);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(json.readTree(second.body()).get("number").asInt()).isEqualTo(2);
        assertThat(json.readTree(second.body()).get("message").isNull()).isTrue();

        JsonNode versions = json.readTree(get("/versions", asA).body());
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("number").asInt()).isEqualTo(2);
        assertThat(versions.get(1).get("message").asString()).isEqualTo("first reading");

        JsonNode saved = json.readTree(get("/versions/1", asA).body());
        assertThat(saved.get("title").asString()).isEqualTo("秦刚：中美关系的大球仍需小球推动");
        assertThat(saved.get("notes")).hasSize(1);
        assertThat(saved.get("notes").get(0).get("block").asInt()).isEqualTo(2);
        assertThat(saved.get("notes").get(0).get("text").asString()).isEqualTo("before");
        assertThat(json.readTree(get("/versions/2", asA).body()).get("notes").get(0).get("text").asString())
                .isEqualTo("after");
        assertError(get("/versions/3", asA), 404, "There is no version 3");
    }

    @Test
    void userBGetsTheMissingArticle404OnUserAsNotesAndVersionsAndChangesNothing() throws Exception {
        post("/notes", "{\"block\": 0, \"text\": \"A's note\"}", asA);
        post("/versions", "{\"message\": \"A's version\"}", asA);
        long missing = article + 100_000;

        for (String path : new String[]{"/notes", "/versions", "/versions/1"}) {
            HttpResponse<String> asBob = get(path, asB);
            assertError(asBob, 404, "There is no article " + article);
            assertThat(asBob.body()).isEqualTo(send("GET", "/api/articles/" + missing + path, "application/json",
                    "", asB).body().replace(String.valueOf(missing), String.valueOf(article)));
            assertThat(get(path, null).statusCode()).isEqualTo(401);
        }
        assertError(post("/notes", "{\"block\": 0, \"text\": \"B was here\"}", asB), 404, "There is no article");
        assertError(post("/versions", "{\"message\": \"B's version\"}", asB), 404, "There is no article");
        assertThat(post("/notes", "{\"block\": 0, \"text\": \"B was here\"}", null).statusCode()).isEqualTo(401);

        JsonNode notes = json.readTree(get("/notes", asA).body());
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).get("text").asString()).isEqualTo("A's note");
        JsonNode versions = json.readTree(get("/versions", asA).body());
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).get("message").asString()).isEqualTo("A's version");
    }

    @Test
    void badInputAnswers4xxWithAnErrorAndStoresNothing() throws Exception {
        assertError(post("/notes", "{not json", asA), 400, "not valid JSON");
        assertError(post("/notes", "[1, 2]", asA), 400, "JSON object");
        assertError(post("/notes", "", asA), 400, "JSON object");
        assertError(post("/notes", "{\"text\": \"no block\"}", asA), 400, "\"block\"");
        assertError(post("/notes", "{\"block\": \"one\", \"text\": \"x\"}", asA), 400, "\"block\"");
        assertError(post("/notes", "{\"block\": 1.5, \"text\": \"x\"}", asA), 400, "\"block\"");
        assertError(post("/notes", "{\"block\": 0, \"text\": \"   \"}", asA), 400, "\"text\"");
        assertError(post("/notes", "{\"block\": 0}", asA), 400, "\"text\"");
        assertError(post("/notes", "{\"block\": 0, \"text\": \"x\", \"revision\": \"new\"}", asA), 400,
                "\"revision\"");
        assertError(post("/notes", "{\"block\": 99, \"text\": \"x\"}", asA), 400, "has no block 99");
        assertError(post("/notes", "{\"block\": -1, \"text\": \"x\"}", asA), 400, "has no block -1");
        assertError(post("/notes", "{\"block\": 0, \"text\": \"" + "长".repeat(100_001) + "\"}", asA), 413,
                "the limit is 100000");
        assertError(post("/versions", "{\"message\": 42}", asA), 400, "\"message\"");
        assertError(post("/versions", "{\"message\": \"" + "m".repeat(2_001) + "\"}", asA), 413, "limit");
        assertError(send("GET", "/api/articles/abc/notes", "application/json", "", asA), 404, "no article abc");
        assertError(get("/versions/x", asA), 404, "no version x");

        assertThat(json.readTree(get("/notes", asA).body())).isEmpty();
        assertThat(json.readTree(get("/versions", asA).body())).isEmpty();
    }

    private void assertError(HttpResponse<String> response, int status, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(json.readTree(response.body()).get("error").asString()).contains(messagePart);
    }

    private HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        return send("POST", "/api/articles/" + article + path, "application/json", body, authorization);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        return send("GET", "/api/articles/" + article + path, "application/json", "", authorization);
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body,
                                      String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType + "; charset=UTF-8")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
