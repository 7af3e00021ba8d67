package app.duizhao.account;

import app.duizhao.account.ui.AccountView;
import app.duizhao.account.ui.AdminUsersView;
import app.duizhao.importing.BulkImportService;
import app.duizhao.importing.ImportException;
import app.duizhao.importing.ImportService;
import app.duizhao.importing.ui.BulkImportView;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.LibraryService;
import app.duizhao.reader.ui.ReaderRowActions;
import app.duizhao.reader.ui.ReaderView;
import app.duizhao.study.DisplayMode;
import app.duizhao.study.NewVocabularyWord;
import app.duizhao.study.ReaderPreferences;
import app.duizhao.study.StudyService;
import app.duizhao.study.VocabularyEntry;
import app.duizhao.study.VocabularyService;
import app.duizhao.study.WordStatus;
import app.duizhao.study.ui.VocabularyView;
import app.duizhao.testsupport.FakeLlmServer;
import app.duizhao.testsupport.FakeReply;
import app.duizhao.testsupport.Fixtures;
import app.duizhao.testsupport.SignedIn;
import app.duizhao.translation.DailyUsage;
import app.duizhao.translation.EngineSettings;
import app.duizhao.translation.GlossaryService;
import app.duizhao.translation.StoredTranslation;
import app.duizhao.translation.TranslationEngines;
import app.duizhao.translation.TranslationJob;
import app.duizhao.translation.TranslationService;
import app.duizhao.translation.ui.SettingsView;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.Component;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.ActiveProfiles;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With accounts on, user B reaches none of user A's study data — vocabulary, segmentation corrections, reader
 * preferences and reading positions, stored translations, LLM usage — through the services, the views (Karibu) or
 * the HTTP API; the engine settings and server folders are the admin's; passwords change and accounts can be
 * disabled. Same properties as {@link AccountsIsolationTest}, so both share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "duizhao.auth.enabled=true", "DUIZHAO_ADMIN_USERNAME=first-admin", "DUIZHAO_ADMIN_PASSWORD=first-admin-pass"})
@ActiveProfiles("test")
class PerUserDataIsolationTest {

    static final String ADMIN = "first-admin";
    private static final String PASSWORD_A = "alpha-secret-1";
    private static final String PASSWORD_B = "bravo-secret-2";
    private static final FakeLlmServer llm = FakeLlmServer.start();

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @LocalServerPort int port;

    @Autowired AccountService accounts;
    @Autowired ImportService importer;
    @Autowired LibraryService library;
    @Autowired VocabularyService vocabulary;
    @Autowired StudyService study;
    @Autowired TranslationService translation;
    @Autowired TranslationEngines engines;
    @Autowired GlossaryService glossary;
    @Autowired BulkImportService bulk;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationContext context;

    UserAccount a;
    UserAccount b;
    long articleOfA;
    long articleOfB;
    SignedIn.Http http;

    @AfterAll
    static void stopLlm() {
        llm.close();
    }

    @BeforeEach
    void twoUsersWithTheSamePostEach() {
        a = accounts.create("alice-" + suffix, PASSWORD_A, Role.USER);
        b = accounts.create("bob-" + suffix, PASSWORD_B, Role.USER);
        articleOfA = asA(() -> importer.importFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost()).articleId());
        articleOfB = asB(() -> importer.importFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost()).articleId());
        http = new SignedIn.Http(port);
    }

    private <T> T asA(Supplier<T> work) {
        return SignedIn.as(context, a.username(), work);
    }

    private <T> T asB(Supplier<T> work) {
        return SignedIn.as(context, b.username(), work);
    }

    // ---------------------------------------------------------------- vocabulary

    @Test
    void userBSeesNoneOfUserAsVocabularyInTheServiceTheViewsOrTheAnkiExport() throws Exception {
        VocabularyEntry ofA = asA(() -> vocabulary.add(new NewVocabularyWord("大使", "大使", "dà shǐ",
                "ambassador (A's note)", "中国驻美大使秦刚表示。", "Ambassador Qin Gang said.", articleOfA)));
        asA(() -> {
            vocabulary.setStatus(ofA.id(), WordStatus.KNOWN);
            return null;
        });

        asB(() -> {
            assertThat(vocabulary.list(null, null)).isEmpty();
            assertThat(vocabulary.statuses()).isEmpty();
            assertThat(vocabulary.find("大使")).isEmpty();
            assertThat(vocabulary.get(ofA.id())).isEmpty();
            assertThatThrownBy(() -> vocabulary.update(ofA.id(), "x", "B's change", null, null, WordStatus.LEARNING))
                    .isInstanceOf(IllegalArgumentException.class);
            vocabulary.setStatus(ofA.id(), WordStatus.LEARNING);
            assertThat(vocabulary.delete(ofA.id())).isFalse();
            // B saves the same word: an entry of B's own, and it cannot point at A's article.
            VocabularyEntry ofB = vocabulary.add(new NewVocabularyWord("大使", "大使", "dà shǐ", "envoy", null, null,
                    articleOfA));
            assertThat(ofB.id()).isNotEqualTo(ofA.id());
            assertThat(ofB.articleId()).isNull();
            assertThat(ofB.status()).isEqualTo(WordStatus.LEARNING);
            return null;
        });
        asA(() -> {
            VocabularyEntry again = vocabulary.get(ofA.id()).orElseThrow();
            assertThat(again.definition()).isEqualTo("ambassador (A's note)");
            assertThat(again.status()).isEqualTo(WordStatus.KNOWN);
            assertThat(vocabulary.list(null, null)).hasSize(1);
            return null;
        });

        // The vocabulary page.
        SignedIn.karibuAs(context, b.username(), () -> {
            UI.getCurrent().navigate(VocabularyView.class);
            assertThat(vocabularyRows()).extracting(VocabularyEntry::definition).containsExactly("envoy");
        });
        SignedIn.karibuAs(context, a.username(), () -> {
            UI.getCurrent().navigate(VocabularyView.class);
            assertThat(vocabularyRows()).extracting(VocabularyEntry::definition)
                    .containsExactly("ambassador (A's note)");
        });

        // The reader marks words by the reader's own vocabulary: known for A, learning for B.
        SignedIn.karibuAs(context, a.username(), () -> {
            UI.getCurrent().navigate(ReaderView.class, articleOfA);
            assertThat(wordClass(readerHtml(), "大使")).isEqualTo("dz-w");
        });
        SignedIn.karibuAs(context, b.username(), () -> {
            UI.getCurrent().navigate(ReaderView.class, articleOfB);
            assertThat(wordClass(readerHtml(), "大使")).isEqualTo("dz-w dz-learning");
        });

        // The API: B's Anki export of B's copy carries B's word, never A's definition.
        HttpResponse<String> ankiOfB = http.get("/api/articles/" + articleOfB + "/export?format=anki",
                SignedIn.basic(b.username(), PASSWORD_B));
        assertThat(ankiOfB.statusCode()).isEqualTo(200);
        assertThat(ankiOfB.body()).contains("envoy").doesNotContain("A's note");
        assertThat(http.get("/api/articles/" + articleOfA + "/export?format=anki",
                SignedIn.basic(a.username(), PASSWORD_A)).body()).contains("A's note").doesNotContain("envoy");
    }

    @SuppressWarnings("unchecked")
    private static List<VocabularyEntry> vocabularyRows() {
        Grid<VocabularyEntry> grid = _get(Grid.class, spec -> spec.withId("vocab-grid"));
        return grid.getGenericDataView().getItems().toList();
    }

    // ---------------------------------------------------------------- segmentation

    /** 大 and 使 as two neighbouring word spans (A's split); 表示 as one (B split it). */
    private static final Pattern SPLIT_AMBASSADOR = Pattern.compile(">大</span><span[^>]*>使</span>");
    private static final Pattern ONE_WORD_SHOWS = Pattern.compile(">表示</span>");

    @Test
    void segmentationCorrectionsArePerUserInTheServiceAndTheReader() {
        String sentence = "中国驻美大使秦刚表示";
        asA(() -> {
            assertThat(study.words(sentence)).contains("大使", "表示");
            study.splitWord("大使", 1);
            assertThat(study.words(sentence)).contains("大", "使").doesNotContain("大使");
            return null;
        });
        asB(() -> {
            assertThat(study.words(sentence)).contains("大使", "表示");
            study.splitWord("表示", 1);
            assertThat(study.words(sentence)).contains("大使", "表", "示");
            return null;
        });
        asA(() -> assertThat(study.words(sentence)).contains("表示").doesNotContain("大使"));

        SignedIn.karibuAs(context, a.username(), () -> {
            UI.getCurrent().navigate(ReaderView.class, articleOfA);
            String html = readerHtml();
            assertThat(html).containsPattern(SPLIT_AMBASSADOR).containsPattern(ONE_WORD_SHOWS);
            assertThat(wordClass(html, "大使")).isNull();
        });
        SignedIn.karibuAs(context, b.username(), () -> {
            UI.getCurrent().navigate(ReaderView.class, articleOfB);
            String html = readerHtml();
            assertThat(wordClass(html, "大使")).isNotNull();
            assertThat(html).doesNotContainPattern(SPLIT_AMBASSADOR).doesNotContainPattern(ONE_WORD_SHOWS);
        });
    }

    // ---------------------------------------------------------------- preferences, reading state

    @Test
    void readerPreferencesAndReadingPositionsArePerUser() {
        asA(() -> {
            study.savePreferences(ReaderPreferences.DEFAULTS.withDark(true).withFontSize(26)
                    .withDisplayMode(DisplayMode.CHINESE_ONLY).withLookupOnHover(true).withShowHsk(true));
            study.saveReadingPosition(articleOfA, 4);
            study.showPinyin(articleOfA, true);
            return null;
        });
        asB(() -> {
            assertThat(study.preferences()).isEqualTo(ReaderPreferences.DEFAULTS);
            // A's article: nothing to read, nothing written.
            assertThat(study.readingPosition(articleOfA)).isZero();
            assertThat(study.pinyinShown(articleOfA)).isFalse();
            study.saveReadingPosition(articleOfA, 2);
            study.showPinyin(articleOfA, false);
            study.saveReadingPosition(articleOfB, 1);
            study.savePreferences(ReaderPreferences.DEFAULTS.withFontSize(14));
            return null;
        });
        asA(() -> {
            assertThat(study.preferences().fontSize()).isEqualTo(26);
            assertThat(study.preferences().dark()).isTrue();
            assertThat(study.readingPosition(articleOfA)).isEqualTo(4);
            assertThat(study.pinyinShown(articleOfA)).isTrue();
            assertThat(study.readingPosition(articleOfB)).isZero();
            return null;
        });
        assertThat(jdbc.sql("select count(*) from article_reading_state where article_id = ?").param(articleOfA)
                .query(Integer.class).single()).as("B wrote no reading state for A's article").isEqualTo(1);

        SignedIn.karibuAs(context, b.username(), () -> {
            UI.getCurrent().navigate(ReaderView.class, articleOfB);
            assertThat(_get(Span.class, spec -> spec.withId("font-size")).getText()).isEqualTo("14 px");
            assertThat(_get(Select.class, spec -> spec.withId("display-mode")).getValue())
                    .isEqualTo(DisplayMode.SIDE_BY_SIDE);
        });
        SignedIn.karibuAs(context, a.username(), () -> {
            UI.getCurrent().navigate(ReaderView.class, articleOfA);
            assertThat(_get(Span.class, spec -> spec.withId("font-size")).getText()).isEqualTo("26 px");
            assertThat(_get(Select.class, spec -> spec.withId("display-mode")).getValue())
                    .isEqualTo(DisplayMode.CHINESE_ONLY);
        });
    }

    // ---------------------------------------------------------------- engine settings, usage

    @SuppressWarnings("unchecked")
    @Test
    void engineSettingsAreTheServersOnlyAnAdminChangesThemAndOthersSeeNeitherKeyNorBaseUrl() {
        EngineSettings before = engines.settings();
        asB(() -> {
            assertThat(engines.canChange()).isFalse();
            assertThatThrownBy(() -> engines.update(before.withModel("ollama", "b-model")))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> engines.reset()).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> engines.testConnection(before)).isInstanceOf(AccessDeniedException.class);
            return null;
        });
        assertThat(engines.settings()).isEqualTo(before);

        SignedIn.karibuAs(context, b.username(), () -> {
            UI.getCurrent().navigate(SettingsView.class);
            Select<String> provider = _get(Select.class, spec -> spec.withId("provider"));
            assertThat(provider.getValue()).isEqualTo(before.provider());
            assertThat(provider.isReadOnly()).isTrue();
            assertThat(_find(Button.class, spec -> spec.withId("save-settings"))).isEmpty();
            assertThat(_find(Button.class, spec -> spec.withId("test-connection"))).isEmpty();
            assertThat(_find(Button.class, spec -> spec.withId("reset-settings"))).isEmpty();
            assertThat(_find(TextField.class, spec -> spec.withId("base-url"))).isEmpty();
            assertThat(_find(Span.class, spec -> spec.withId("api-key-status"))).isEmpty();
        });

        SignedIn.karibuAs(context, ADMIN, () -> {
            UI.getCurrent().navigate(SettingsView.class);
            ((Select<String>) _get(Select.class, spec -> spec.withId("provider"))).setValue("ollama");
            _get(TextField.class, spec -> spec.withId("base-url")).setValue("http://127.0.0.1:1");
            _get(TextField.class, spec -> spec.withId("model")).setValue("admin-model");
            _click(_get(Button.class, spec -> spec.withId("save-settings")));
            assertThat(_get(Span.class, spec -> spec.withId("settings-message")).getText())
                    .contains("ollama · admin-model");
        });
        try {
            assertThat(engines.settings().model()).isEqualTo("admin-model");
        } finally {
            SignedIn.run(context, ADMIN, () -> engines.reset());
        }
    }

    @Test
    void aUserSeesTheUsageOfTheirOwnCallsAndTheAdminTheWholeServers() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int tokensOfA = 1_000_003;
        int tokensOfB = 2_000_005;
        for (Object[] row : new Object[][]{{articleOfA, a.id(), tokensOfA}, {articleOfB, b.id(), tokensOfB}}) {
            jdbc.sql("insert into llm_usage (created_at, usage_day, article_id, provider, model, purpose, prompt_tokens,"
                            + " completion_tokens, estimated, owner_id) values (?, ?, ?, 'openai', 'm', 'translate', ?, 0,"
                            + " false, ?)")
                    .params(OffsetDateTime.now(ZoneOffset.UTC), today, row[0], row[2], row[1]).update();
        }
        long ofB = asB(() -> translation.dailyUsage(1)).stream().mapToLong(DailyUsage::promptTokens).sum();
        long ofAdmin = SignedIn.as(context, ADMIN, () -> translation.dailyUsage(1)).stream()
                .mapToLong(DailyUsage::promptTokens).sum();
        assertThat(ofB).isEqualTo(tokensOfB);
        assertThat(ofAdmin).isGreaterThanOrEqualTo(tokensOfA + tokensOfB);
        assertThat(asB(() -> translation.usage(articleOfA))).isEmpty();
    }

    // ---------------------------------------------------------------- stored translations

    @Test
    void storedTranslationsListOnlyWhatWentIntoTheUsersOwnBlocksWhileTheCacheStillSavesCalls() throws Exception {
        llm.reset();
        // The worst model: whatever the prompt carries (a glossary rendering, a rerun marker) shows up in every
        // translated block, neighbours included.
        AtomicReference<String> marker = new AtomicReference<>("");
        llm.defaultReply(FakeReply.custom(call -> call.isSummary() ? FakeReply.summaryOf(call)
                : FakeReply.segmentsAnswer(call, (id, text) -> FakeReply.translationOf(id, text) + marker.get()
                + (call.systemPrompt().contains("Qin-Gang-of-A") || call.lastUserMessage().contains("Qin-Gang-of-A")
                ? " (Qin-Gang-of-A)" : ""))));
        EngineSettings before = engines.settings();
        SignedIn.run(context, ADMIN, () -> engines.update(new EngineSettings("openai", llm.baseUrl(), "iso-model",
                Duration.ofSeconds(5), 1, 2, before.batchTokens(), false)));
        try {
            // Before anyone translates, nobody has anything to compare.
            assertThat(asB(() -> translation.storedTranslations(articleOfB, 0))).isEmpty();

            assertThat(finish(asA(() -> translation.start(articleOfA, false))).status())
                    .isEqualTo(TranslationJob.Status.DONE);
            ArticleSnapshot first = asA(() -> library.snapshot(articleOfA)).orElseThrow();
            // A's translations are in the shared cache, but B's copy lists none of them.
            asB(() -> {
                assertThat(translation.storedTranslations(articleOfB, 0)).isEmpty();
                assertThat(translation.storedTranslations(articleOfA, 0)).isEmpty();
                return null;
            });

            // B's copy of the same post comes from the cache: only the summary is asked.
            llm.clearRequests();
            assertThat(finish(asB(() -> translation.start(articleOfB, false))).status())
                    .isEqualTo(TranslationJob.Status.DONE);
            assertThat(llm.chatRequests()).isNotEmpty().allMatch(r -> r.chatCall().isSummary());
            List<Integer> positions = first.blocks().stream().filter(block -> !block.isImage())
                    .map(ArticleSnapshot.SnapshotBlock::position).toList();
            asB(() -> {
                for (int p : positions) {
                    assertThat(translation.storedTranslations(articleOfB, p)).extracting(StoredTranslation::text)
                            .containsExactly(first.blocks().get(p).machineEnglish());
                }
                return null;
            });

            // A translates again, once with a private glossary term and once with a different output for the very
            // same cache keys B's blocks came from.
            asA(() -> glossary.save("秦刚", "Qin-Gang-of-A", null, null));
            finish(asA(() -> translation.start(articleOfA, true)));
            asA(() -> {
                glossary.terms().forEach(term -> glossary.delete(term.id()));
                return null;
            });
            marker.set(" A-rerun");
            finish(asA(() -> translation.start(articleOfA, true)));
            assertThat(asA(() -> translation.storedTranslations(articleOfA, positions.getFirst())))
                    .extracting(StoredTranslation::text)
                    .anyMatch(text -> text.contains("Qin-Gang-of-A")).anyMatch(text -> text.contains("A-rerun"));

            // B still lists exactly what B was given, and B's blocks are as they were.
            ArticleSnapshot ofB = asB(() -> library.snapshot(articleOfB)).orElseThrow();
            asB(() -> {
                for (int p : positions) {
                    assertThat(translation.storedTranslations(articleOfB, p)).extracting(StoredTranslation::text)
                            .containsExactly(first.blocks().get(p).machineEnglish());
                    assertThat(ofB.blocks().get(p).machineEnglish()).isEqualTo(first.blocks().get(p).machineEnglish());
                }
                return null;
            });

            // The reader's Compare panel shows B the same.
            SignedIn.karibuAs(context, b.username(), () -> {
                UI.getCurrent().navigate(ReaderView.class, articleOfB);
                ReaderView reader = _get(ReaderView.class);
                StringBuilder shown = new StringBuilder();
                for (int p : positions) {
                    ReaderRowActions.click(reader, p, "compare");
                    shown.append(ReaderRowActions.text(reader, p)).append('\n');
                }
                assertThat(shown.toString()).contains("iso-model").doesNotContain("Qin-Gang-of-A").doesNotContain("A-rerun");
            });
        } finally {
            SignedIn.run(context, ADMIN, () -> engines.reset());
        }
    }

    private static TranslationJob finish(TranslationJob job) throws InterruptedException {
        assertThat(job.await(Duration.ofSeconds(30))).isTrue();
        return job;
    }

    // ---------------------------------------------------------------- folder import

    @Test
    void importingFoldersFromTheServerIsForAdminsWhileUploadsStayOpen() throws Exception {
        asB(() -> {
            assertThat(bulk.folderImportAllowed()).isFalse();
            assertThat(bulk.folderRoots()).isEmpty();
            assertThat(bulk.folderChoices()).isEmpty();
            assertThatThrownBy(() -> bulk.importFolder("/tmp")).isInstanceOf(ImportException.class)
                    .hasMessageContaining("Only an admin");
            assertThatThrownBy(() -> bulk.importArchive("x.zip", Path.of("/tmp/x.zip")))
                    .isInstanceOf(ImportException.class);
            return null;
        });
        assertThat(SignedIn.as(context, ADMIN, () -> bulk.folderImportAllowed())).isTrue();

        SignedIn.karibuAs(context, b.username(), () -> {
            UI.getCurrent().navigate(BulkImportView.class);
            assertThat(_get(Paragraph.class, spec -> spec.withId("bulk-folder-off")).getText())
                    .contains("for admins");
        });

        // An upload by B lands in B's library.
        Path post = Files.createTempFile("per-user-", ".md");
        Files.writeString(post, Fixtures.seedPostText().replaceFirst("(?m)^from: .*$", "from: https://example.test/b")
                .replace("秦刚", "秦刚先生"));
        BulkImportJobs.await(asB(() -> bulk.importUploads(List.of(new BulkImportService.UploadedFile("b.md", post)))));
        assertThat(asB(() -> library.count())).isEqualTo(2);
        assertThat(asA(() -> library.count())).isEqualTo(1);
    }

    /** Waits for a bulk job. */
    static final class BulkImportJobs {
        static void await(app.duizhao.importing.BulkImportJob job) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!job.isFinished() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(job.isFinished()).isTrue();
        }
    }

    // ---------------------------------------------------------------- password, disabling

    @Test
    void aSignedInUserChangesTheirPasswordAfterGivingTheCurrentOne() throws Exception {
        String newPassword = "alpha-secret-NEW";
        SignedIn.karibuAs(context, a.username(), () -> {
            UI.getCurrent().navigate(AccountView.class);
            PasswordField current = _get(PasswordField.class, spec -> spec.withId("current-password"));
            PasswordField next = _get(PasswordField.class, spec -> spec.withId("new-password"));
            PasswordField repeat = _get(PasswordField.class, spec -> spec.withId("repeat-password"));
            Button change = _get(Button.class, spec -> spec.withId("change-password"));
            Supplier<String> message = () -> _get(Paragraph.class, spec -> spec.withId("password-message")).getText();

            current.setValue("wrong-password");
            next.setValue(newPassword);
            repeat.setValue(newPassword);
            _click(change);
            assertThat(message.get()).isEqualTo("The current password is not right.");

            current.setValue(PASSWORD_A);
            next.setValue(newPassword);
            repeat.setValue("something-else");
            _click(change);
            assertThat(message.get()).isEqualTo("The two new passwords differ.");

            current.setValue(PASSWORD_A);
            next.setValue("short");
            repeat.setValue("short");
            _click(change);
            assertThat(message.get()).contains("at least 8 characters");

            current.setValue(PASSWORD_A);
            next.setValue(newPassword);
            repeat.setValue(newPassword);
            _click(change);
            assertThat(message.get()).isEqualTo("Your password is changed. Your other sessions are signed out.");
        });
        String hash = jdbc.sql("select password_hash from app_user where id = ?").param(a.id()).query(String.class)
                .single();
        assertThat(hash).startsWith("$2").doesNotContain(newPassword);
        assertThat(http.get("/api/articles/" + articleOfA, SignedIn.basic(a.username(), PASSWORD_A)).statusCode())
                .isEqualTo(401);
        assertThat(http.get("/api/articles/" + articleOfA, SignedIn.basic(a.username(), newPassword)).statusCode())
                .isEqualTo(200);
        // Only the signed-in user's own password: B's stays.
        assertThat(http.get("/api/articles/" + articleOfB, SignedIn.basic(b.username(), PASSWORD_B)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anAdminDisablesAUserWhoThenCannotSignInNorUseTheApiNorKeepTheirSession() throws Exception {
        String tokenOfB = accounts.newApiToken(b.id());
        String basicOfB = SignedIn.basic(b.username(), PASSWORD_B);
        assertThat(http.get("/api/articles/" + articleOfB, basicOfB).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/articles/" + articleOfB, "Bearer " + tokenOfB).statusCode()).isEqualTo(200);
        HttpClient browserOfB = signInWithTheForm(b.username(), PASSWORD_B);
        assertThat(page(browserOfB, "/vocabulary").statusCode()).isEqualTo(200);

        // Only an admin may disable, and not themselves.
        assertThatThrownBy(() -> asA(() -> accounts.setEnabled(b.id(), false)))
                .isInstanceOf(AccessDeniedException.class);
        long adminId = accounts.list().stream().filter(u -> u.username().equals(ADMIN)).findFirst().orElseThrow().id();
        assertThatThrownBy(() -> SignedIn.as(context, ADMIN, () -> accounts.setEnabled(adminId, false)))
                .isInstanceOf(IllegalArgumentException.class);

        SignedIn.karibuAs(context, ADMIN, () -> {
            UI.getCurrent().navigate(AdminUsersView.class);
            clickAction(b.username(), "Disable");
            assertThat(_get(Paragraph.class, spec -> spec.withId("admin-users-message")).getText())
                    .isEqualTo("Disabled " + b.username() + ".");
        });
        assertThat(accounts.list()).filteredOn(u -> u.id() == b.id()).singleElement()
                .satisfies(u -> assertThat(u.enabled()).isFalse());

        assertThat(http.get("/api/articles/" + articleOfB, basicOfB).statusCode()).isEqualTo(401);
        assertThat(http.get("/api/articles/" + articleOfB, "Bearer " + tokenOfB).statusCode()).isEqualTo(401);
        HttpResponse<String> open = page(browserOfB, "/vocabulary");
        assertThat(open.statusCode()).as("the open session ends").isEqualTo(302);
        assertThat(open.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(formLogin(newBrowser(), b.username(), PASSWORD_B).headers().firstValue("Location").orElseThrow())
                .contains("/login?error");
        // A is not affected.
        assertThat(http.get("/api/articles/" + articleOfA, SignedIn.basic(a.username(), PASSWORD_A)).statusCode())
                .isEqualTo(200);

        SignedIn.karibuAs(context, ADMIN, () -> {
            UI.getCurrent().navigate(AdminUsersView.class);
            clickAction(b.username(), "Enable");
        });
        assertThat(http.get("/api/articles/" + articleOfB, basicOfB).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/articles/" + articleOfB, "Bearer " + tokenOfB).statusCode()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private static void clickAction(String username, String action) {
        Grid<UserAccount> grid = _get(Grid.class);
        List<UserAccount> rows = grid.getGenericDataView().getItems().toList();
        int row = rows.stream().map(UserAccount::username).toList().indexOf(username);
        assertThat(row).isNotNegative();
        Button button = (Button) GridKt._getCellComponent(grid, row, "action");
        assertThat(button.getText()).isEqualTo(action);
        _click(button);
    }

    private static HttpClient newBrowser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A browser (cookies kept) signed in through the login form. */
    private HttpClient signInWithTheForm(String username, String password) throws Exception {
        HttpClient browser = newBrowser();
        HttpResponse<String> done = formLogin(browser, username, password);
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return browser;
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

    private HttpResponse<String> formLogin(HttpClient browser, String username, String password) throws Exception {
        HttpResponse<String> login = page(browser, "/login");
        Matcher csrf = CSRF.matcher(login.body());
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + (csrf.find() ? "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) : "");
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> page(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------- helpers

    /** Every inner HTML in the current UI (the reader renders each block's words as HTML). */
    static String readerHtml() {
        StringBuilder html = new StringBuilder();
        collect(UI.getCurrent(), html);
        return html.toString();
    }

    private static void collect(Component component, StringBuilder html) {
        String inner = component.getElement().getProperty("innerHTML");
        if (inner != null) {
            html.append(inner).append('\n');
        }
        component.getChildren().forEach(child -> collect(child, html));
    }

    private static final Pattern WORD = Pattern.compile("<span class=\"(dz-w[^\"]*)\"[^>]*>([^<]+)</span>");

    /** The class of the first word span whose text is {@code word}, or null when no span holds exactly it. */
    static String wordClass(String html, String word) {
        Matcher m = WORD.matcher(html);
        while (m.find()) {
            if (m.group(2).equals(word)) {
                return m.group(1);
            }
        }
        return null;
    }
}
