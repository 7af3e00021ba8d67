package app.duizhao.account;

import app.duizhao.account.ui.AdminUsersView;
import app.duizhao.testsupport.SignedIn;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import jakarta.servlet.http.HttpSession;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.context.ActiveProfiles;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How signed-in sessions end, over real HTTP sessions of the test's server: a password change ends the user's other
 * sessions and keeps the one that made it; an admin's password reset or disabling ends them all, for good. The
 * sessions are told apart by the database's session generation, so this holds across instances. Same properties as
 * {@link AccountsIsolationTest}, so both share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "duizhao.auth.enabled=true", "DUIZHAO_ADMIN_USERNAME=first-admin", "DUIZHAO_ADMIN_PASSWORD=first-admin-pass"})
@ActiveProfiles("test")
class SessionEndingTest {

    private static final String ADMIN = "first-admin";
    private static final String PASSWORD = "carol-secret-1";
    private static final String NEW_PASSWORD = "carol-secret-NEW";

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @LocalServerPort int port;
    @Autowired AccountService accounts;
    @Autowired ApplicationContext context;

    UserAccount carol;

    @BeforeEach
    void anAccount() {
        carol = accounts.create("carol-" + suffix, PASSWORD, Role.USER);
    }

    @AfterEach
    void clearSecurity() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void changingThePasswordEndsTheUsersOtherSessionsWhileTheOneThatChangedItStaysIn() throws Exception {
        HttpClient first = signIn(carol.username(), PASSWORD);
        HttpClient second = signIn(carol.username(), PASSWORD);
        assertSignedIn(first);
        assertSignedIn(second);
        String token = accounts.newApiToken(carol.id());

        // The change as the /account view makes it: on a thread whose security context is the first session's
        // (Vaadin's security context strategy reads it from the HTTP session).
        inSession(first, () -> accounts.changePassword(PASSWORD, NEW_PASSWORD));

        assertSignedIn(first);
        assertSentToLogin(second);
        assertSentToLogin(second);
        assertSignedIn(first);
        // The ended session stays ended, and a new sign-in with the new password works.
        assertSignedIn(signIn(carol.username(), NEW_PASSWORD));
        assertThat(formLogin(newBrowser(), carol.username(), PASSWORD).headers().firstValue("Location").orElseThrow())
                .contains("/login?error");
        // The API token is a credential of its own and survives the change.
        assertThat(new SignedIn.Http(port).get("/api/translations/no-such-batch", "Bearer " + token).statusCode())
                .as("signed in (a missing batch), not 401").isEqualTo(404);
    }

    @Test
    void aFailedPasswordChangeEndsNoSession() throws Exception {
        HttpClient first = signIn(carol.username(), PASSWORD);
        HttpClient second = signIn(carol.username(), PASSWORD);

        inSession(first, () -> assertThatThrownBy(() -> accounts.changePassword("not-the-password", NEW_PASSWORD))
                .isInstanceOf(IllegalArgumentException.class));
        inSession(first, () -> assertThatThrownBy(() -> accounts.changePassword(PASSWORD, "short"))
                .isInstanceOf(IllegalArgumentException.class));

        assertSignedIn(first);
        assertSignedIn(second);
    }

    @Test
    void anAdminResettingAPasswordEndsAllTheUsersSessionsAndTheNewPasswordSignsIn() throws Exception {
        HttpClient first = signIn(carol.username(), PASSWORD);
        HttpClient second = signIn(carol.username(), PASSWORD);
        HttpClient admin = signIn(ADMIN, "first-admin-pass");

        assertThatThrownBy(() -> SignedIn.as(context, carol.username(), () -> accounts.resetPassword(carol.id(),
                NEW_PASSWORD))).isInstanceOf(AccessDeniedException.class);
        long adminId = accounts.list().stream().filter(u -> u.username().equals(ADMIN)).findFirst().orElseThrow().id();
        assertThatThrownBy(() -> SignedIn.as(context, ADMIN, () -> accounts.resetPassword(adminId, NEW_PASSWORD)))
                .hasMessage("Change your own password on the account page.");

        SignedIn.karibuAs(context, ADMIN, () -> {
            UI.getCurrent().navigate(AdminUsersView.class);
            _click(passwordButtonOf(carol.username()));
            Dialog dialog = _get(Dialog.class);
            PasswordField password = _get(dialog, PasswordField.class, spec -> spec.withId("reset-password"));
            password.setValue("short");
            _click(_get(dialog, Button.class, spec -> spec.withId("reset-password-set")));
            assertThat(password.isInvalid()).isTrue();
            assertThat(password.getErrorMessage()).contains("at least 8 characters");
            password.setValue(NEW_PASSWORD);
            _click(_get(dialog, Button.class, spec -> spec.withId("reset-password-set")));
            assertThat(dialog.isOpened()).isFalse();
            assertThat(_get(Paragraph.class, spec -> spec.withId("admin-users-message")).getText())
                    .isEqualTo("Set a new password for " + carol.username() + ".");
        });

        assertSentToLogin(first);
        assertSentToLogin(second);
        assertSignedIn(admin);
        assertThat(formLogin(newBrowser(), carol.username(), PASSWORD).headers().firstValue("Location").orElseThrow())
                .contains("/login?error");
        assertSignedIn(signIn(carol.username(), NEW_PASSWORD));
    }

    @Test
    void aSessionOfADisabledUserIsRefusedAtItsNextRequestEvenWhenTheAccountIsEnabledAgainBeforeIt() throws Exception {
        HttpClient browser = signIn(carol.username(), PASSWORD);
        HttpClient later = signIn(carol.username(), PASSWORD);
        assertSignedIn(browser);

        SignedIn.run(context, ADMIN, () -> accounts.setEnabled(carol.id(), false));
        assertSentToLogin(browser);

        SignedIn.run(context, ADMIN, () -> accounts.setEnabled(carol.id(), true));
        assertSentToLogin(later);
        assertSignedIn(signIn(carol.username(), PASSWORD));
    }

    // ---------------------------------------------------------------- helpers

    @SuppressWarnings("unchecked")
    private static Button passwordButtonOf(String username) {
        Grid<UserAccount> grid = _get(Grid.class);
        List<UserAccount> rows = grid.getGenericDataView().getItems().toList();
        int row = rows.stream().map(UserAccount::username).toList().indexOf(username);
        assertThat(row).isNotNegative();
        Button button = (Button) GridKt._getCellComponent(grid, row, "password");
        assertThat(button.getText()).isEqualTo("New password");
        return button;
    }

    private void assertSignedIn(HttpClient browser) throws Exception {
        HttpResponse<String> page = page(browser, "/account");
        assertThat(page.statusCode()).as("a signed-in page, not a redirect to the login").isEqualTo(200);
    }

    private void assertSentToLogin(HttpClient browser) throws Exception {
        HttpResponse<String> page = page(browser, "/account");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    /** Runs {@code work} with the security context of {@code browser}'s session on this thread, as a view would. */
    private void inSession(HttpClient browser, Runnable work) {
        String id = ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("JSESSIONID")).map(HttpCookie::getValue).findFirst()
                .orElseThrow();
        TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) context).getWebServer();
        Context webapp = (Context) server.getTomcat().getHost().findChildren()[0];
        Session session;
        try {
            session = webapp.getManager().findSession(id);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        HttpSession http = session.getSession();
        SecurityContext security = (SecurityContext) http.getAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        SecurityContextHolder.setContext(security);
        try {
            work.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static HttpClient newBrowser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private HttpClient signIn(String username, String password) throws Exception {
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
}
