package app.duizhao.reliability;

import app.duizhao.account.AccountService;
import app.duizhao.account.CurrentUser;
import app.duizhao.account.Role;
import app.duizhao.account.UserAccount;
import app.duizhao.export.ExportService;
import app.duizhao.importing.ImportService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One user's many parallel PDF exports of a long article take neither the database nor the server from another
 * user: with a pool of only two database connections, user B's reads and note saves all succeed while user A's
 * exports render (they hold no connection while they do), and A's exports beyond the limit are refused with 429,
 * {@code Retry-After} and a "try again in" message instead of piling up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "duizhao.auth.enabled=true", "DUIZHAO_ADMIN_USERNAME=first-admin", "DUIZHAO_ADMIN_PASSWORD=first-admin-pass",
        "spring.datasource.hikari.maximum-pool-size=2", "spring.datasource.hikari.connection-timeout=10000",
        "duizhao.work.per-user=2", "duizhao.work.total=2", "duizhao.work.queue-wait=PT1S"})
@ActiveProfiles("test")
class LongWorkIsolationTest {

    static final String PASSWORD = "isolation-pass-1";

    @LocalServerPort
    int port;

    @Autowired AccountService accounts;
    @Autowired CurrentUser currentUser;
    @Autowired ImportService importer;
    @Autowired ExportService exports;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void parallelPdfExportsByOneUserLeaveAnotherUsersReadsAndNoteSavesWorkingAndQueueBeyondTheLimit()
            throws Exception {
        assumeTrue(exports.pdfProblem().isEmpty(), "no CJK font for the PDF export: " + exports.pdfProblem());
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UserAccount a = accounts.create("exporter-" + suffix, PASSWORD, Role.USER);
        UserAccount b = accounts.create("reader-" + suffix, PASSWORD, Role.USER);
        StringBuilder longText = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            longText.append("第").append(i).append("段：中美两国在经贸、气候、公共卫生等领域有着广泛的共同利益，双方应当加强对话与合作，"
                    + "妥善管控分歧，推动两国关系健康稳定发展。\n\n");
        }
        long big = currentUser.runAs(a.id(), () -> importer.importText(longText.toString()).articleId());
        long small = currentUser.runAs(b.id(), () -> importer.importText("乙的文章。\n\n第二段。").articleId());

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<byte[]>>> pdfs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                pdfs.add(pool.submit(() -> http.send(request(a, "/api/articles/" + big + "/export?format=pdf")
                        .GET().build(), HttpResponse.BodyHandlers.ofByteArray())));
            }
            List<Integer> bStatuses = new ArrayList<>();
            List<Long> bMillis = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long start = System.nanoTime();
                bStatuses.add(http.send(request(b, "/api/articles/" + small).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode());
                bStatuses.add(http.send(request(b, "/api/articles/" + small + "/notes")
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"block\": 0, \"text\": \"note " + i + "\"}"))
                                .build(), HttpResponse.BodyHandlers.discarding()).statusCode());
                bMillis.add((System.nanoTime() - start) / 1_000_000);
            }
            int exported = 0;
            int refused = 0;
            for (Future<HttpResponse<byte[]>> pdf : pdfs) {
                HttpResponse<byte[]> response = pdf.get();
                if (response.statusCode() == 200) {
                    exported++;
                    assertThat(new String(response.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
                } else {
                    assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8))
                            .isEqualTo(429);
                    refused++;
                    assertThat(response.headers().firstValue("Retry-After").orElse("")).matches("[1-9][0-9]*");
                    assertThat(new String(response.body(), StandardCharsets.UTF_8))
                            .startsWith("{\"error\":").contains("Try again in");
                }
            }
            assertThat(bStatuses).as("user B's reads and note saves while A's exports run")
                    .allSatisfy(status -> assertThat(status).isIn(200, 201));
            assertThat(exported).as("A's exports within the limit are written").isGreaterThanOrEqualTo(2);
            assertThat(refused).as("A's exports beyond the limit are refused as busy").isGreaterThanOrEqualTo(1);
            System.out.printf("isolation: %d PDFs written, %d refused as busy; B's read+note round trips %s ms%n",
                    exported, refused, bMillis);
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpRequest.Builder request(UserAccount user, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user.username() + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
}
