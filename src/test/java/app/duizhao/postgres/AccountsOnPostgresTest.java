package app.duizhao.postgres;

import app.duizhao.account.AccountService;
import app.duizhao.account.Role;
import app.duizhao.account.UserAccount;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.LibraryService;
import app.duizhao.study.NewVocabularyWord;
import app.duizhao.study.ReaderPreferences;
import app.duizhao.study.StudyService;
import app.duizhao.study.VocabularyEntry;
import app.duizhao.study.VocabularyService;
import app.duizhao.study.ui.VocabularyView;
import app.duizhao.testsupport.FakeLlmServer;
import app.duizhao.testsupport.FakeReply;
import app.duizhao.testsupport.Fixtures;
import app.duizhao.testsupport.PostgresSchema;
import app.duizhao.testsupport.SignedIn;
import app.duizhao.translation.EngineSettings;
import app.duizhao.translation.StoredTranslation;
import app.duizhao.translation.TranslationEngines;
import app.duizhao.translation.TranslationJob;
import app.duizhao.translation.TranslationService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Accounts on, on a real PostgreSQL server: user B reaches none of user A's articles, vocabulary, segmentation rules,
 * preferences, reading state or stored translations, through the services, a view and the HTTP API; the shared
 * translation cache and the admin's engine settings are written with PostgreSQL's SQL. {@code .ci/run} sets
 * {@code DUIZHAO_TEST_POSTGRES_URL}; without it this test is skipped. Each run works in a schema of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "duizhao.auth.enabled=true", "DUIZHAO_ADMIN_USERNAME=pg-admin", "DUIZHAO_ADMIN_PASSWORD=pg-admin-pass"})
@ActiveProfiles("test")
@EnabledIfEnvironmentVariable(named = "DUIZHAO_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.*",
        disabledReason = "DUIZHAO_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against")
class AccountsOnPostgresTest {

    static final String SCHEMA = "dz_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final FakeLlmServer llm = FakeLlmServer.start();
    private static final String ADMIN = "pg-admin";
    private static final String PASSWORD_A = "alpha-secret-1";
    private static final String PASSWORD_B = "bravo-secret-2";

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSchema.register(registry, SCHEMA);
    }

    @AfterAll
    static void stopLlm() {
        llm.close();
    }

    @LocalServerPort int port;
    @Autowired AccountService accounts;
    @Autowired LibraryService library;
    @Autowired VocabularyService vocabulary;
    @Autowired StudyService study;
    @Autowired TranslationService translation;
    @Autowired TranslationEngines engines;
    @Autowired ApplicationContext context;

    @SuppressWarnings("unchecked")
    @Test
    void userBReachesNoneOfUserAsDataOnPostgres() throws Exception {
        UserAccount a = accounts.create("pg-alice", PASSWORD_A, Role.USER);
        UserAccount b = accounts.create("pg-bob", PASSWORD_B, Role.USER);
        String asA = SignedIn.basic(a.username(), PASSWORD_A);
        String asB = SignedIn.basic(b.username(), PASSWORD_B);
        Supplier<Void> none = () -> null;
        SignedIn.Http http = new SignedIn.Http(port);

        // Articles through the API: the same post is a new article for each, and each sees only their own.
        long articleOfA = created(http.send("POST", "/api/articles", "text/plain", Fixtures.seedPostText(), asA));
        long articleOfB = created(http.send("POST", "/api/articles", "text/plain", Fixtures.seedPostText(), asB));
        assertThat(articleOfB).isNotEqualTo(articleOfA);
        assertThat(http.get("/api/articles/" + articleOfA, asB).statusCode()).isEqualTo(404);
        assertThat(http.get("/api/articles/" + articleOfA + "/export?format=anki", asB).statusCode()).isEqualTo(404);
        assertThat(http.get("/api/articles/" + articleOfA, asA).statusCode()).isEqualTo(200);

        // Vocabulary, segmentation rules, preferences and reading state.
        VocabularyEntry wordOfA = SignedIn.as(context, a.username(), () -> {
            study.splitWord("大使", 1);
            study.savePreferences(ReaderPreferences.DEFAULTS.withFontSize(28));
            study.saveReadingPosition(articleOfA, 3);
            return vocabulary.add(new NewVocabularyWord("大使", null, "dà shǐ", "ambassador (A)", null, null,
                    articleOfA));
        });
        SignedIn.as(context, b.username(), () -> {
            assertThat(vocabulary.list(null, null)).isEmpty();
            assertThat(vocabulary.get(wordOfA.id())).isEmpty();
            assertThat(vocabulary.delete(wordOfA.id())).isFalse();
            assertThat(vocabulary.add(new NewVocabularyWord("大使", null, null, "envoy (B)", null, null, null)).id())
                    .isNotEqualTo(wordOfA.id());
            assertThat(study.words("中国驻美大使秦刚")).contains("大使");
            assertThat(study.preferences()).isEqualTo(ReaderPreferences.DEFAULTS);
            study.saveReadingPosition(articleOfA, 1);
            assertThat(study.readingPosition(articleOfA)).isZero();
            return none.get();
        });
        SignedIn.as(context, a.username(), () -> {
            assertThat(vocabulary.list(null, null)).extracting(VocabularyEntry::definition)
                    .containsExactly("ambassador (A)");
            assertThat(study.words("中国驻美大使秦刚")).contains("大", "使");
            assertThat(study.preferences().fontSize()).isEqualTo(28);
            assertThat(study.readingPosition(articleOfA)).isEqualTo(3);
            return none.get();
        });
        SignedIn.karibuAs(context, b.username(), () -> {
            UI.getCurrent().navigate(VocabularyView.class);
            Grid<VocabularyEntry> grid = _get(Grid.class, spec -> spec.withId("vocab-grid"));
            assertThat(grid.getGenericDataView().getItems()).extracting(VocabularyEntry::definition)
                    .containsExactly("envoy (B)");
        });

        // Engine settings: the admin's, kept in app_setting; B may not change them.
        AtomicReference<String> marker = new AtomicReference<>("");
        llm.defaultReply(FakeReply.custom(call -> call.isSummary() ? FakeReply.summaryOf(call)
                : FakeReply.segmentsAnswer(call, (id, text) -> FakeReply.translationOf(id, text) + marker.get())));
        EngineSettings before = engines.settings();
        EngineSettings fake = new EngineSettings("openai", llm.baseUrl(), "pg-model", Duration.ofSeconds(5), 1, 2,
                before.batchTokens(), false);
        assertThatThrownBy(() -> SignedIn.as(context, b.username(), () -> {
            engines.update(fake);
            return null;
        })).isInstanceOf(AccessDeniedException.class);
        SignedIn.run(context, ADMIN, () -> engines.update(fake));
        try {
            // The shared cache on PostgreSQL: B's copy costs no block call, and B lists only what B was given.
            assertThat(finish(SignedIn.as(context, a.username(), () -> translation.start(articleOfA, false))).status())
                    .isEqualTo(TranslationJob.Status.DONE);
            llm.clearRequests();
            assertThat(finish(SignedIn.as(context, b.username(), () -> translation.start(articleOfB, false))).status())
                    .isEqualTo(TranslationJob.Status.DONE);
            assertThat(llm.chatRequests()).allMatch(r -> r.chatCall().isSummary());
            marker.set(" rerun-of-A");
            finish(SignedIn.as(context, a.username(), () -> translation.start(articleOfA, true)));

            ArticleSnapshot ofB = SignedIn.as(context, b.username(), () -> library.snapshot(articleOfB)).orElseThrow();
            SignedIn.as(context, b.username(), () -> {
                for (ArticleSnapshot.SnapshotBlock block : ofB.blocks()) {
                    if (block.isImage()) {
                        continue;
                    }
                    assertThat(translation.storedTranslations(articleOfB, block.position()))
                            .extracting(StoredTranslation::text).containsExactly(block.machineEnglish())
                            .noneMatch(text -> text.contains("rerun-of-A"));
                    assertThat(translation.storedTranslations(articleOfA, block.position())).isEmpty();
                }
                return none.get();
            });
            assertThat(SignedIn.as(context, a.username(), () -> translation.storedTranslations(articleOfA, 0)))
                    .extracting(StoredTranslation::text).anyMatch(text -> text.contains("rerun-of-A"));
            assertThat(engines.settings().model()).isEqualTo("pg-model");
        } finally {
            SignedIn.run(context, ADMIN, () -> engines.reset());
        }

        // A password change ends A's other session and keeps the one that made it (the session generation, V9, on
        // PostgreSQL); the API token stays valid.
        SignedIn.FormSession first = SignedIn.FormSession.signIn(port, a.username(), PASSWORD_A);
        SignedIn.FormSession second = SignedIn.FormSession.signIn(port, a.username(), PASSWORD_A);
        String tokenOfA = accounts.newApiToken(a.id());
        first.runInSession(context, () -> accounts.changePassword(PASSWORD_A, "alpha-secret-NEW"));
        assertThat(first.signedIn("/account")).isTrue();
        assertThat(second.signedIn("/account")).isFalse();
        assertThat(http.get("/api/articles/" + articleOfA, "Bearer " + tokenOfA).statusCode()).isEqualTo(200);

        // A disabled account is refused on the API at once, and its open session ends.
        long bob = b.id();
        SignedIn.FormSession browserOfB = SignedIn.FormSession.signIn(port, b.username(), PASSWORD_B);
        SignedIn.run(context, ADMIN, () -> accounts.setEnabled(bob, false));
        assertThat(http.get("/api/articles/" + articleOfB, asB).statusCode()).isEqualTo(401);
        assertThat(browserOfB.signedIn("/account")).isFalse();
        assertThat(http.get("/api/articles/" + articleOfA, "Bearer " + tokenOfA).statusCode()).isEqualTo(200);
    }

    private static long created(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(201);
        String location = response.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private static TranslationJob finish(TranslationJob job) throws InterruptedException {
        assertThat(job.await(Duration.ofSeconds(30))).isTrue();
        return job;
    }
}
