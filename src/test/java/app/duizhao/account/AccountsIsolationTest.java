package app.duizhao.account;

import app.duizhao.account.ui.AdminUsersView;
import app.duizhao.account.ui.LoginView;
import app.duizhao.account.ui.SignupView;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import app.duizhao.annotation.AnnotationService;
import app.duizhao.export.ExportService;
import app.duizhao.importing.CleaningAuditService;
import app.duizhao.importing.ImportResult;
import app.duizhao.importing.ImportService;
import app.duizhao.library.ArticleSummary;
import app.duizhao.library.LibraryQuery;
import app.duizhao.library.LibraryService;
import app.duizhao.reader.ui.ReaderView;
import app.duizhao.reader.ui.VersionView;
import app.duizhao.testsupport.Fixtures;
import app.duizhao.testsupport.SignedIn;
import app.duizhao.translation.GlossaryService;
import app.duizhao.translation.GlossaryTerm;
import app.duizhao.translation.TranslationService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import java.net.http.HttpResponse;
import java.util.NoSuchElementException;
import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With accounts on, user B reaches none of user A's data: not over HTTP (Basic or API token), not in the services
 * the views use, not in the views themselves; strangers get 401 on the API and the login page for views.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "duizhao.auth.enabled=true", "DUIZHAO_ADMIN_USERNAME=first-admin", "DUIZHAO_ADMIN_PASSWORD=first-admin-pass"})
@ActiveProfiles("test")
class AccountsIsolationTest {

    private static final String PASSWORD_A = "alpha-secret-1";
    private static final String PASSWORD_B = "bravo-secret-2";

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @LocalServerPort
    int port;

    @Autowired AccountService accounts;
    @Autowired CurrentUser currentUser;
    @Autowired ImportService importer;
    @Autowired LibraryService library;
    @Autowired AnnotationService annotations;
    @Autowired ExportService exports;
    @Autowired TranslationService translation;
    @Autowired GlossaryService glossary;
    @Autowired CleaningAuditService audit;
    @Autowired JdbcTemplate jdbc;
    @Autowired ApplicationContext context;

    UserAccount a;
    UserAccount b;
    long articleOfA;

    @BeforeEach
    void twoUsersAndAnArticleOfA() throws Exception {
        a = accounts.create("alice-" + suffix, PASSWORD_A, Role.USER);
        b = accounts.create("bob-" + suffix, PASSWORD_B, Role.USER);
        // A imports through the HTTP API with HTTP Basic.
        HttpResponse<String> created = send("POST", "/api/articles", "text/plain", Fixtures.seedPostText(),
                basic(a.username(), PASSWORD_A));
        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        articleOfA = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        currentUser.runAs(a.id(), () -> annotations.saveVersion(articleOfA, "A's version"));
    }

    @AfterEach
    void clearSecurity() {
        SignedIn.signOut(context);
    }

    @Test
    void passwordsAreStoredAsBcryptHashesOnly() {
        String hash = jdbc.queryForObject("select password_hash from app_user where id = ?", String.class, a.id());
        assertThat(hash).startsWith("$2").doesNotContain(PASSWORD_A);
        assertThat(accounts.passwordEncoder().matches(PASSWORD_A, hash)).isTrue();
    }

    @Test
    void theApiAnswersTheOwnerAndTreatsAnotherUsersArticleAsMissing() throws Exception {
        assertThat(post("/api/articles/" + articleOfA + "/translate", basic(a.username(), PASSWORD_A)).statusCode())
                .isEqualTo(202);
        assertThat(post("/api/articles/" + articleOfA + "/translate", basic(b.username(), PASSWORD_B)).statusCode())
                .isEqualTo(404);
        long missing = articleOfA + 100_000;
        assertThat(post("/api/articles/" + missing + "/translate", basic(b.username(), PASSWORD_B)).body())
                .isEqualTo(post("/api/articles/" + articleOfA + "/translate", basic(b.username(), PASSWORD_B)).body()
                        .replace(String.valueOf(articleOfA), String.valueOf(missing)));
    }

    @Test
    void theArticleApiShowsAnArticleOnlyToItsOwnerAndImportsPerOwner() throws Exception {
        assertThat(get("/api/articles/" + articleOfA, basic(a.username(), PASSWORD_A)).statusCode()).isEqualTo(200);
        HttpResponse<String> asB = get("/api/articles/" + articleOfA, basic(b.username(), PASSWORD_B));
        HttpResponse<String> missing = get("/api/articles/" + (articleOfA + 100_000), basic(b.username(), PASSWORD_B));
        assertThat(asB.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(get("/api/articles/" + articleOfA, null).statusCode()).isEqualTo(401);

        // The same post imported by B is a new article of B's (201), not A's as a duplicate (200).
        HttpResponse<String> byB = send("POST", "/api/articles", "text/plain", Fixtures.seedPostText(),
                basic(b.username(), PASSWORD_B));
        assertThat(byB.statusCode()).isEqualTo(201);
        assertThat(byB.headers().firstValue("Location").orElseThrow()).doesNotEndWith("/" + articleOfA);
        HttpResponse<String> againByA = send("POST", "/api/articles", "text/plain", Fixtures.seedPostText(),
                basic(a.username(), PASSWORD_A));
        assertThat(againByA.statusCode()).isEqualTo(200);
    }

    @Test
    void librarySearchFindsOnlyTheUsersOwnArticles() {
        currentUser.runAs(b.id(), () -> {
            assertThat(library.search(LibraryQuery.all(50)).rows()).extracting(ArticleSummary::id)
                    .doesNotContain(articleOfA);
            assertThat(library.count(LibraryQuery.all(50))).isZero();
            assertThat(library.sources()).isEmpty();
            assertThat(library.details(articleOfA)).isEmpty();
            return null;
        });
        currentUser.runAs(a.id(), () -> {
            assertThat(library.search(LibraryQuery.all(50)).rows()).extracting(ArticleSummary::id)
                    .containsExactly(articleOfA);
            assertThat(library.sources()).containsExactly("联合早报");
            return null;
        });
    }

    @Test
    void exportsOfAnotherUsersArticleOrVersionAnswer404() throws Exception {
        String asA = basic(a.username(), PASSWORD_A);
        String asB = basic(b.username(), PASSWORD_B);
        assertThat(get("/api/articles/" + articleOfA + "/export", asA).statusCode()).isEqualTo(200);
        assertThat(get("/api/articles/" + articleOfA + "/export?version=1", asA).statusCode()).isEqualTo(200);
        assertThat(get("/api/articles/" + articleOfA + "/export", asB).statusCode()).isEqualTo(404);
        assertThat(get("/api/articles/" + articleOfA + "/export?version=1", asB).statusCode()).isEqualTo(404);
        assertThat(get("/api/articles/" + articleOfA + "/export?format=json", asB).statusCode()).isEqualTo(404);
        assertThat(get("/api/export?ids=" + articleOfA, asB).statusCode()).isEqualTo(404);
        assertThat(get("/api/articles/" + articleOfA + "/export", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aBatchOfAnotherUsersArticlesDoesNothingAndTheirBatchesAreInvisible() throws Exception {
        HttpResponse<String> byA = postJson("/api/translations", "{\"ids\":[" + articleOfA + "]}",
                basic(a.username(), PASSWORD_A));
        assertThat(byA.statusCode()).isEqualTo(202);
        String location = byA.headers().firstValue("Location").orElseThrow();
        assertThat(get(location, basic(a.username(), PASSWORD_A)).statusCode()).isEqualTo(200);
        assertThat(get(location, basic(b.username(), PASSWORD_B)).statusCode()).isEqualTo(404);

        HttpResponse<String> byB = postJson("/api/translations", "{\"ids\":[" + articleOfA + "]}",
                basic(b.username(), PASSWORD_B));
        assertThat(byB.statusCode()).isEqualTo(202);
        assertThat(byB.body()).contains("missing");
    }

    @Test
    void strangersAndWrongPasswordsGet401OnTheApiAndTheLoginPageForViews() throws Exception {
        assertThat(post("/api/articles/" + articleOfA + "/translate", null).statusCode()).isEqualTo(401);
        assertThat(post("/api/articles/" + articleOfA + "/translate", basic(a.username(), "wrong-password"))
                .statusCode()).isEqualTo(401);
        assertThat(post("/api/articles/" + articleOfA + "/translate", "Bearer dz_not-a-token").statusCode())
                .isEqualTo(401);

        HttpResponse<String> view = get("/articles/" + articleOfA, null);
        assertThat(view.statusCode()).isEqualTo(302);
        assertThat(view.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/info", null).statusCode()).isEqualTo(200);
        assertThat(get("/login", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aPerUserApiTokenSignsTheApiInAsItsOwner() throws Exception {
        String tokenOfA = accounts.newApiToken(a.id());
        String tokenOfB = accounts.newApiToken(b.id());
        assertThat(jdbc.queryForObject("select api_token_hash from app_user where id = ?", String.class, a.id()))
                .isNotEqualTo(tokenOfA).hasSize(64);

        assertThat(post("/api/articles/" + articleOfA + "/translate", "Bearer " + tokenOfA).statusCode())
                .isEqualTo(202);
        assertThat(post("/api/articles/" + articleOfA + "/translate", "Bearer " + tokenOfB).statusCode())
                .isEqualTo(404);
        // A new token replaces the old one.
        accounts.newApiToken(a.id());
        assertThat(post("/api/articles/" + articleOfA + "/translate", "Bearer " + tokenOfA).statusCode())
                .isEqualTo(401);
    }

    @Test
    void theServicesBehindTheViewsShowUserBNoneOfUserAsData() {
        currentUser.runAs(a.id(), () -> glossary.save("秦刚", "Qin Gang", null, null));

        currentUser.runAs(b.id(), () -> {
            assertThat(library.list()).extracting(ArticleSummary::id).doesNotContain(articleOfA);
            assertThat(library.count()).isZero();
            assertThat(library.snapshot(articleOfA)).isEmpty();
            assertThat(annotations.versions(articleOfA)).isEmpty();
            assertThat(annotations.version(articleOfA, 1)).isEmpty();
            assertThatThrownBy(() -> exports.markdown(articleOfA, null)).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(() -> exports.markdown(articleOfA, 1)).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(() -> annotations.setNote(articleOfA, 0, "B's note"))
                    .isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(() -> annotations.saveVersion(articleOfA, "B"))
                    .isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(() -> translation.status(articleOfA)).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(() -> translation.start(articleOfA, false)).isInstanceOf(NoSuchElementException.class);
            assertThat(translation.job(articleOfA)).isEmpty();
            assertThat(translation.usage(articleOfA)).isEmpty();
            assertThat(audit.removed(articleOfA)).isEmpty();
            assertThat(glossary.terms()).extracting(GlossaryTerm::chinese).doesNotContain("秦刚");
            assertThat(library.delete(articleOfA)).isFalse();
            return null;
        });

        // B imports the same post: it is B's own copy, not a "duplicate" pointing at A's.
        ImportResult ofB = currentUser.runAs(b.id(),
                () -> importer.importFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost()));
        assertThat(ofB.duplicate()).isFalse();
        assertThat(ofB.articleId()).isNotEqualTo(articleOfA);

        currentUser.runAs(a.id(), () -> {
            assertThat(library.snapshot(articleOfA)).isPresent();
            assertThat(library.list()).extracting(ArticleSummary::id).containsExactly(articleOfA);
            assertThat(glossary.terms()).extracting(GlossaryTerm::chinese).contains("秦刚");
            return null;
        });
    }

    @Test
    void userBCannotOpenUserAsArticleOrItsVersionsInTheViews() {
        withKaribuSignedInAs(b, () -> {
            UI.getCurrent().navigate(ReaderView.class, articleOfA);
            assertThat(_get(H2.class).getText()).isEqualTo("There is no article " + articleOfA + ".");

            UI.getCurrent().navigate("articles/" + articleOfA + "/versions/1");
            assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain().getFirst())
                    .isInstanceOf(VersionView.class);
            assertThat(_find(H2.class)).extracting(H2::getText).contains("There is no such saved version.");
        });
        withKaribuSignedInAs(a, () -> {
            UI.getCurrent().navigate(ReaderView.class, articleOfA);
            assertThat(_find(H2.class)).extracting(H2::getText)
                    .noneMatch(text -> text.startsWith("There is no article"));
        });
    }

    @Test
    void theLoginViewShowsTheFormAndAnErrorAfterAFailedAttempt() {
        withKaribu(() -> {
            UI.getCurrent().navigate("login");
            LoginForm form = _get(LoginForm.class);
            assertThat(form.getAction()).isEqualTo("login");
            assertThat(form.isError()).isFalse();

            UI.getCurrent().navigate("login", QueryParameters.of("error", ""));
            assertThat(_get(LoginForm.class).isError()).isTrue();

            // Nobody signed in: the library sends the visitor to the login view.
            UI.getCurrent().navigate("");
            assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain().getFirst())
                    .isInstanceOf(LoginView.class);
        });
    }

    @Test
    void theFirstAdminComesFromTheEnvironmentAndCreatesUsersWhileUsersCannotOpenTheAdminPage() throws Exception {
        assertThat(accounts.list()).anySatisfy(user -> {
            assertThat(user.username()).isEqualTo("first-admin");
            assertThat(user.role()).isEqualTo(Role.ADMIN);
        });
        assertThat(get("/api/translations/no-such-batch", basic("first-admin", "first-admin-pass")).statusCode())
                .isEqualTo(404);

        UserAccount admin = accounts.list().stream().filter(u -> u.username().equals("first-admin")).findFirst()
                .orElseThrow();
        withKaribuSignedInAs(admin, () -> {
            UI.getCurrent().navigate(AdminUsersView.class);
            _get(TextField.class, spec -> spec.withLabel("User name")).setValue("carol-" + suffix);
            _get(PasswordField.class, spec -> spec.withLabel("Password")).setValue("carol-secret-3");
            _click(_get(Button.class, spec -> spec.withText("Create user")));
            assertThat(_get(Paragraph.class, spec -> spec.withId("admin-users-message")).getText()).isEqualTo("Created carol-" + suffix + ".");
        });
        assertThat(accounts.exists("carol-" + suffix)).isTrue();

        withKaribuSignedInAs(b, () -> assertThatThrownBy(() -> UI.getCurrent().navigate(AdminUsersView.class))
                .hasMessageContaining("Access is denied"));
    }

    @Test
    void signUpIsClosedUnlessOpenSignUpIsOn() {
        withKaribu(() -> {
            UI.getCurrent().navigate(SignupView.class);
            assertThat(_get(Paragraph.class, spec -> spec.withId("signup-message")).getText()).startsWith("Sign-up is closed");
            assertThat(_find(Button.class, spec -> spec.withText("Create account"))).isEmpty();
        });
    }

    private void withKaribuSignedInAs(UserAccount user, Runnable work) {
        SignedIn.karibuAs(context, user.username(), work);
    }

    private void withKaribu(Runnable work) {
        SignedIn.karibu(context, work);
    }

    private static String basic(String user, String password) {
        return SignedIn.basic(user, password);
    }

    private HttpResponse<String> post(String path, String authorization) throws Exception {
        return postJson(path, "{}", authorization);
    }

    private HttpResponse<String> postJson(String path, String json, String authorization) throws Exception {
        return send("POST", path, "application/json", json, authorization);
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body,
                                      String authorization) throws Exception {
        return new SignedIn.Http(port).send(method, path, contentType, body, authorization);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        return new SignedIn.Http(port).get(path, authorization);
    }
}
