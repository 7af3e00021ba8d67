package app.duizhao.bench;

import app.duizhao.account.AccountService;
import app.duizhao.testsupport.FakeLlmServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load benchmark's readers in small: five users with accounts on loop for a few seconds through open (API and
 * reader page), translate (fake LLM), notes and versions, concurrently; afterwards every acknowledged note and
 * version is exactly where it was written and nobody saw or changed another user's data. Correctness only, no
 * timing. The connection pool is smaller than the number of readers on purpose: writers that each held a connection
 * while waiting for a second one used to starve it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "duizhao.auth.enabled=true",
        "spring.datasource.hikari.maximum-pool-size=3",
        "spring.datasource.hikari.connection-timeout=10000"})
@ActiveProfiles("test")
class ConcurrentReadersTest {

    static final int READERS = 5;
    static final FakeLlmServer llm = LoadRun.fakeLlm(Duration.ofMillis(50), 64, Duration.ofMillis(2));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("duizhao.llm.provider", () -> "openai");
        registry.add("duizhao.llm.base-url", llm::baseUrl);
        registry.add("duizhao.llm.model", () -> "readers-model");
        registry.add("duizhao.llm.api-key", () -> "sk-readers-test");
        registry.add("duizhao.llm.timeout", () -> "PT60S");
    }

    @AfterAll
    static void stop() {
        llm.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Test
    void fiveConcurrentReadersLoseNothingAndSeeNothingOfEachOther() throws Exception {
        LoadRun.Result result = new LoadRun(URI.create("http://127.0.0.1:" + port), accounts,
                new LoadRun.Settings(READERS, Duration.ofSeconds(3), Duration.ZERO, 2, true, Duration.ofMillis(50),
                        Duration.ofMillis(300)))
                .run();
        System.out.println(result);

        assertThat(result.errorCount()).as(result.toString()).isZero();
        assertThat(result.loops).as(result.toString()).isGreaterThanOrEqualTo(READERS);
        assertThat(result.acknowledgedNotes).isEqualTo(2 * result.loops);
        assertThat(result.acknowledgedVersions).isEqualTo(result.loops);
        assertThat(result.crossUserTries).isEqualTo(READERS * 9L);
        assertThat(result.lostNotes).as(result.toString()).isZero();
        assertThat(result.lostVersions).as(result.toString()).isZero();
        assertThat(result.lostTranslations).as(result.toString()).isZero();
        assertThat(result.mismatchedNotes).as(result.toString()).isZero();
        assertThat(result.mixed).as(result.toString()).isZero();
        assertThat(result.crossUserLeaks).as(result.toString()).isZero();
        assertThat(result.intact()).as(result.toString()).isTrue();
    }
}
