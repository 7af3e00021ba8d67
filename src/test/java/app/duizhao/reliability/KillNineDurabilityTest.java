package app.duizhao.reliability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write the server acknowledged survives {@code kill -9}: a real server process (H2 file database in a temp
 * folder) takes a stream of note saves, version saves and imports from three clients at once, is killed mid-stream
 * without warning, and is started again on the same data, which must hold every acknowledged write, with every
 * acknowledged version number still naming the content it was issued for; a translation run the dead server left
 * open is closed at startup instead of reading "being translated on another instance".
 */
class KillNineDurabilityTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int BLOCKS = 5;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record AckedVersion(int number, String message) {
    }

    record AckedImport(long id, String marker) {
    }

    @Test
    void everyAcknowledgedNoteVersionAndImportSurvivesAKillNineOfTheServerOnH2(@TempDir Path data) throws Exception {
        long noteArticle;
        long versionArticle;
        Map<Integer, Integer> lastAckedNote = new ConcurrentHashMap<>();
        List<AckedVersion> versions = new CopyOnWriteArrayList<>();
        List<AckedImport> imports = new CopyOnWriteArrayList<>();
        int attempted;

        ServerProcess first = ServerProcess.start(data, List.of());
        try {
            String base = first.baseUrl();
            noteArticle = importText(base, "笔记文章").id();
            versionArticle = importText(base, "版本文章").id();
            List<Thread> writers = List.of(
                    Thread.ofPlatform().start(() -> {
                        for (int k = 0; ; k++) {
                            int block = k % BLOCKS;
                            HttpResponse<String> response = post(base + "/api/articles/" + noteArticle + "/notes",
                                    "{\"block\": " + block + ", \"text\": \"note " + k + "\"}");
                            if (response == null) {
                                return;
                            }
                            assertThat(response.statusCode()).isIn(200, 201);
                            lastAckedNote.put(block, k);
                        }
                    }),
                    Thread.ofPlatform().start(() -> {
                        for (int k = 0; ; k++) {
                            HttpResponse<String> response = post(base + "/api/articles/" + versionArticle
                                    + "/versions", "{\"message\": \"v" + k + "\"}");
                            if (response == null) {
                                return;
                            }
                            assertThat(response.statusCode()).isEqualTo(201);
                            versions.add(new AckedVersion(read(response).get("number").asInt(), "v" + k));
                        }
                    }),
                    Thread.ofPlatform().start(() -> {
                        for (int k = 0; ; k++) {
                            String marker = "导入" + k + "号" + System.nanoTime();
                            AckedImport acked = importText(base, marker);
                            if (acked == null) {
                                return;
                            }
                            imports.add(acked);
                        }
                    }));
            // Kill once every stream has had writes acknowledged (a loaded machine is slow), at a random moment.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((lastAckedNote.size() < BLOCKS || versions.size() < 3 || imports.size() < 3)
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(ThreadLocalRandom.current().nextLong(0, 700));
            first.kill();
            for (Thread writer : writers) {
                writer.join(30_000);
            }
        } finally {
            first.kill();
        }
        attempted = lastAckedNote.size() + versions.size() + imports.size();
        assertThat(versions).as("the stream wrote before the kill").isNotEmpty();
        assertThat(imports).isNotEmpty();
        assertThat(lastAckedNote).isNotEmpty();

        // A translation the previous life was running when it died, as its row says (the runs table is how an
        // article tells "being translated" apart; a dead server never closes its row).
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath() + "/duizhao", "sa",
                "")) {
            db.createStatement().executeUpdate("delete from translation_run where article_id = " + versionArticle);
            db.createStatement().executeUpdate("insert into translation_run (article_id, origin, status, done, "
                    + "total, updated_at) values (" + versionArticle + ", 'the-previous-life', 'running', 2, 5, "
                    + "current_timestamp)");
        }

        try (ServerProcess second = ServerProcess.start(data, List.of())) {
            String base = second.baseUrl();
            JsonNode translation = read(get(base + "/api/articles/" + versionArticle)).get("translation");
            assertThat(translation.get("status").asString()).as("a run left open by the crash is not running")
                    .isNotEqualTo("running");
            JsonNode notes = read(get(base + "/api/articles/" + noteArticle + "/notes"));
            for (Map.Entry<Integer, Integer> acked : lastAckedNote.entrySet()) {
                String text = null;
                for (JsonNode note : notes) {
                    if (note.get("block").asInt() == acked.getKey()) {
                        text = note.get("text").asString();
                    }
                }
                assertThat(text).as("block %d's note after the restart", acked.getKey()).isNotNull();
                int stored = Integer.parseInt(text.substring("note ".length()));
                assertThat(stored).as("block %d: its last acknowledged note, or one written after it",
                        acked.getKey()).isGreaterThanOrEqualTo(acked.getValue());
            }

            JsonNode storedVersions = read(get(base + "/api/articles/" + versionArticle + "/versions"));
            Set<Integer> numbers = new HashSet<>();
            for (JsonNode v : storedVersions) {
                assertThat(numbers.add(v.get("number").asInt())).as("version numbers are unique").isTrue();
            }
            int highest = 0;
            for (AckedVersion acked : versions) {
                JsonNode stored = read(get(base + "/api/articles/" + versionArticle + "/versions/" + acked.number()));
                assertThat(stored.get("message").asString()).as("version %d keeps the content it was acknowledged "
                        + "with", acked.number()).isEqualTo(acked.message());
                highest = Math.max(highest, acked.number());
            }
            HttpResponse<String> next = post(base + "/api/articles/" + versionArticle + "/versions",
                    "{\"message\": \"after the crash\"}");
            assertThat(read(next).get("number").asInt()).as("a number issued before the crash is never issued again")
                    .isGreaterThan(highest);

            for (AckedImport acked : imports) {
                HttpResponse<String> article = get(base + "/api/articles/" + acked.id());
                assertThat(article.statusCode()).as("imported article %d", acked.id()).isEqualTo(200);
                assertThat(article.body()).contains(acked.marker());
            }
        }
        System.out.printf("kill -9 durability: %d note blocks, %d versions, %d imports acknowledged, all kept (%d)%n",
                lastAckedNote.size(), versions.size(), imports.size(), attempted);
    }

    private AckedImport importText(String base, String marker) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < BLOCKS; i++) {
            text.append("这是第").append(i + 1).append("段，").append(marker).append("。检验服务器崩溃后已确认的写入是否仍然存在。\n\n");
        }
        HttpResponse<String> response = post(base + "/api/articles",
                JSON.writeValueAsString(Map.of("text", text.toString())));
        if (response == null) {
            return null;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new AckedImport(read(response).get("id").asLong(), marker);
    }

    /** The response, or null when the server is gone (the write was not acknowledged). */
    private HttpResponse<String> post(String url, String json) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode read(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
