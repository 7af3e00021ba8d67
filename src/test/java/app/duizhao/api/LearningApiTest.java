package app.duizhao.study;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/articles/{id}/words}, {@code POST /api/words/known} and {@code GET /api/review} with accounts on:
 * each reader's own counts, another user's article answers 404. Same properties as {@code AccountsIsolationTest}, so
 * they share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "duizhao.auth.enabled=true", "DUIZHAO_ADMIN_USERNAME=first-admin", "DUIZHAO_ADMIN_PASSWORD=first-admin-pass"})
@ActiveProfiles("test")
class LearningApiTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    ObjectMapper json;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Autowired
    VocabularyService vocabulary;

    String asA;
    String asB;
    String userA;
    long article;

    @BeforeEach
    void anArticleOfA() throws Exception {
        UserAccount a = accounts.create("lea-" + suffix, "alpha-secret-1", Role.USER);
        userA = a.username();
        UserAccount b = accounts.create("lib-" + suffix, "bravo-secret-2", Role.USER);
        asA = "Bearer " + accounts.newApiToken(a.id());
        asB = "Basic " + Base64.getEncoder().encodeToString((b.username() + ":bravo-secret-2")
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = send("POST", "/api/articles", "text/plain", Fixtures.seedPostText(), asA);
        assertThat(created.statusCode()).isEqualTo(201);
        article = json.readTree(created.body()).get("id").asLong();
    }

    @Test
    void theWordsOfAnArticleAreCountedForItsReaderAndKnownWordsLowerTheUnknownCount() throws Exception {
        HttpResponse<String> first = send("GET", "/api/articles/" + article + "/words", "application/json", "", asA);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode words = json.readTree(first.body());
        List<String> keys = new ArrayList<>();
        words.propertyNames().forEach(keys::add);
        assertThat(keys).containsExactly("words", "unknown", "names", "levels");
        List<String> levelKeys = new ArrayList<>();
        words.get("levels").propertyNames().forEach(levelKeys::add);
        assertThat(levelKeys).containsExactly("1", "2", "3", "4", "5", "6", "beyond");
        int total = words.get("words").asInt();
        int names = words.get("names").asInt();
        int levelled = 0;
        for (String k : levelKeys) {
            levelled += words.get("levels").get(k).asInt();
        }
        assertThat(total).isEqualTo(names + levelled).isGreaterThan(150);
        assertThat(names).isPositive();
        assertThat(words.get("unknown").asInt()).isEqualTo(levelled); // a new reader knows nothing

        HttpResponse<String> hsk = send("POST", "/api/words/known", "application/json", "{\"hskUpTo\": 3}", asA);
        assertThat(hsk.statusCode()).as(hsk.body()).isEqualTo(200);
        assertThat(json.readTree(hsk.body()).get("marked").asInt()).isEqualTo(929);
        int afterHsk = json.readTree(send("GET", "/api/articles/" + article + "/words", "application/json", "", asA)
                .body()).get("unknown").asInt();
        assertThat(afterHsk).isLessThan(levelled - 40);

        HttpResponse<String> list = send("POST", "/api/words/known", "application/json",
                "{\"words\": [\"纪念活动\", \"外交\"]}", asA);
        assertThat(json.readTree(list.body()).get("marked").asInt()).isEqualTo(2);
        assertThat(json.readTree(send("GET", "/api/articles/" + article + "/words", "application/json", "", asA)
                .body()).get("unknown").asInt()).isEqualTo(afterHsk - 2);
    }

    @Test
    void anotherReadersArticleAnswers404AndTheirKnowledgeIsTheirOwn() throws Exception {
        HttpResponse<String> theirs = send("GET", "/api/articles/" + article + "/words", "application/json", "", asB);
        assertThat(theirs.statusCode()).isEqualTo(404);
        assertThat(json.readTree(theirs.body()).get("error").asString()).contains("no article");
        assertThat(send("GET", "/api/articles/" + article + "/words", "application/json", "", null).statusCode())
                .isEqualTo(401);
        send("POST", "/api/words/known", "application/json", "{\"hskUpTo\": 6}", asB);
        JsonNode a = json.readTree(send("GET", "/api/articles/" + article + "/words", "application/json", "", asA).body());
        assertThat(a.get("unknown").asInt()).isEqualTo(a.get("words").asInt() - a.get("names").asInt());
        assertThat(send("POST", "/api/words/known", "application/json", "{\"hskUpTo\": 9}", asA).statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/api/words/known", "application/json", "{nope", asA).statusCode()).isEqualTo(400);
    }

    @Test
    void theReviewListsTheReadersDueCardsAndGradesThemWhileAnotherReaderSeesNoneOfThem() throws Exception {
        app.duizhao.testsupport.SignedIn.run(context, userA, () -> vocabulary.add(new NewVocabularyWord("大使", "大使",
                "dà shǐ", "ambassador", "中国驻美大使秦刚表示。", "Ambassador Qin Gang said.", article)));
        HttpResponse<String> review = send("GET", "/api/review", "application/json", "", asA);
        assertThat(review.statusCode()).as(review.body()).isEqualTo(200);
        JsonNode body = json.readTree(review.body());
        List<String> keys = new ArrayList<>();
        body.propertyNames().forEach(keys::add);
        assertThat(keys).containsExactly("due", "cards");
        assertThat(body.get("due").asInt()).isEqualTo(1);
        JsonNode card = body.get("cards").get(0);
        assertThat(card.get("word").asString()).isEqualTo("大使");
        assertThat(card.get("sentence").asString()).isEqualTo("中国驻美大使秦刚表示。");
        assertThat(card.get("english").asString()).isEqualTo("Ambassador Qin Gang said.");
        assertThat(card.get("pinyin").asString()).isEqualTo("dà shǐ");
        assertThat(card.get("definitions").get(0).asString()).isEqualTo("ambassador");
        assertThat(card.get("link").asString()).isEqualTo("/articles/" + article + "#block-" + card.get("paragraph").asInt());
        long cardId = card.get("id").asLong();

        HttpResponse<String> theirs = send("GET", "/api/review", "application/json", "", asB);
        assertThat(json.readTree(theirs.body()).get("due").asInt()).isZero();
        HttpResponse<String> stolen = send("POST", "/api/review/" + cardId, "application/json", "{\"grade\": 3}", asB);
        assertThat(stolen.statusCode()).isEqualTo(404);

        HttpResponse<String> graded = send("POST", "/api/review/" + cardId, "application/json", "{\"grade\": 4}", asA);
        assertThat(graded.statusCode()).as(graded.body()).isEqualTo(200);
        assertThat(json.readTree(graded.body()).get("state").asString()).isEqualTo("review");
        assertThat(json.readTree(send("GET", "/api/review", "application/json", "", asA).body()).get("due").asInt())
                .isZero();
        assertThat(send("POST", "/api/review/" + cardId, "application/json", "{\"grade\": 5}", asA).statusCode())
                .isEqualTo(400);
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
