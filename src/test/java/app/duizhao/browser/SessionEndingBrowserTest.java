package app.duizhao.browser;

import app.duizhao.account.AccountService;
import app.duizhao.account.Role;
import app.duizhao.account.UserAccount;
import app.duizhao.importing.ImportService;
import app.duizhao.testsupport.Fixtures;
import app.duizhao.testsupport.HeadlessChromium;
import app.duizhao.testsupport.SignedIn;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions ending in a real browser (headless Chromium): a user reading an article whom an admin disables lands on
 * the login page at their next click; a click the client sends over the push websocket instead of HTTP is refused
 * just the same; the browser that changed the password stays signed in. Same properties as
 * {@code AccountsIsolationTest}, so no Spring context of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "duizhao.auth.enabled=true", "DUIZHAO_ADMIN_USERNAME=first-admin", "DUIZHAO_ADMIN_PASSWORD=first-admin-pass"})
@ActiveProfiles("test")
class SessionEndingBrowserTest {

    private static final String ADMIN = "first-admin";
    private static final String PASSWORD = "erin-secret-1";

    static HeadlessChromium chromium;
    static Browser browser;

    @LocalServerPort int port;
    @Autowired AccountService accounts;
    @Autowired ImportService importer;
    @Autowired ApplicationContext context;

    @BeforeAll
    static void launchBrowser() throws Exception {
        chromium = HeadlessChromium.launch();
        browser = chromium.browser();
    }

    @AfterAll
    static void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aUserAnAdminDisablesLandsOnTheLoginPageAtTheirNextClickInTheOpenReader() {
        UserAccount erin = newUser("erin");
        long article = articleOf(erin);
        try (BrowserContext tab = browser.newContext()) {
            Page page = openReader(tab, erin, article);
            List<String> uidlPosts = uidlPosts(page);

            SignedIn.run(context, ADMIN, () -> accounts.setEnabled(erin.id(), false));

            page.locator(".dz-row[data-index='0'] button").first().click();
            page.waitForURL("**/login");
            page.locator("vaadin-login-form").waitFor();
            assertThat(uidlPosts).as("the click went to the server over HTTP, through the filters")
                    .anyMatch(SessionEndingBrowserTest::isClick);
        }
    }

    @Test
    void aClickSentOverThePushWebsocketInsteadOfHttpIsRefusedJustTheSame() {
        UserAccount frank = newUser("frank");
        long article = articleOf(frank);
        try (BrowserContext tab = browser.newContext()) {
            // A client that ignores WEBSOCKET_XHR and sends its messages over the websocket, bypassing the filters.
            tab.route(url -> url.contains("v-r=init"), route -> {
                APIResponse original = route.fetch();
                // The client goes by whether the setting is there at all: rename it away.
                String body = original.text().replace("\"key\":\"alwaysXhrToServer\"", "\"key\":\"ignored\"");
                route.fulfill(new Route.FulfillOptions().setResponse(original).setBody(body));
            });
            List<String> sentOverWebsocket = new CopyOnWriteArrayList<>();
            Page page = tab.newPage();
            page.onWebSocket(socket -> socket.onFrameSent(frame -> sentOverWebsocket.add(frame.text())));
            openReader(page, tab, frank, article);
            List<String> uidlPosts = uidlPosts(page);

            SignedIn.run(context, ADMIN, () -> accounts.setEnabled(frank.id(), false));

            page.locator(".dz-row[data-index='0'] button").first().click();
            page.waitForURL("**/login");
            page.locator("vaadin-login-form").waitFor();
            assertThat(uidlPosts).as("the click did not go over HTTP").noneMatch(SessionEndingBrowserTest::isClick);
            assertThat(sentOverWebsocket).as("the click went over the websocket")
                    .anyMatch(SessionEndingBrowserTest::isClick);
        }
    }

    @Test
    void theBrowserThatChangesThePasswordStaysSignedInWhileTheUsersOtherBrowserLandsOnTheLoginPage() {
        UserAccount grace = newUser("grace");
        long article = articleOf(grace);
        try (BrowserContext mine = browser.newContext(); BrowserContext other = browser.newContext()) {
            Page elsewhere = openReader(other, grace, article);
            Page page = mine.newPage();
            page.setDefaultTimeout(20_000);
            signIn(mine, grace.username(), PASSWORD);
            page.navigate(base() + "/account");
            page.locator("#current-password input").fill(PASSWORD);
            page.locator("#new-password input").fill("grace-secret-NEW");
            page.locator("#repeat-password input").fill("grace-secret-NEW");
            page.locator("#change-password").click();
            page.waitForSelector("#password-message:has-text('Your password is changed.')");

            // Still signed in: a round trip to the server, then a page load.
            page.locator("#new-api-token").click();
            page.locator("vaadin-text-field[readonly] input").waitFor();
            assertThat(page.locator("vaadin-text-field[readonly] input").inputValue()).startsWith("dz_");
            page.navigate(base() + "/articles/" + article);
            page.locator(".dz-row[data-index='0']").waitFor();
            assertThat(page.url()).endsWith("/articles/" + article);

            elsewhere.locator(".dz-row[data-index='0'] button").first().click();
            elsewhere.waitForURL("**/login");
            elsewhere.locator("vaadin-login-form").waitFor();
        }
    }

    private UserAccount newUser(String name) {
        return accounts.create(name + "-" + UUID.randomUUID().toString().substring(0, 8), PASSWORD, Role.USER);
    }

    private long articleOf(UserAccount user) {
        return SignedIn.as(context, user.username(),
                () -> importer.importFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost()).articleId());
    }

    private Page openReader(BrowserContext tab, UserAccount user, long article) {
        return openReader(tab.newPage(), tab, user, article);
    }

    private Page openReader(Page page, BrowserContext tab, UserAccount user, long article) {
        page.setDefaultTimeout(20_000);
        signIn(tab, user.username(), PASSWORD);
        page.navigate(base() + "/articles/" + article);
        page.locator(".dz-row[data-index='0']").waitFor();
        return page;
    }

    private static boolean isClick(String uidl) {
        return uidl != null && uidl.contains("\"event\":\"click\"");
    }

    /** The bodies of the UIDL requests the page sends over HTTP from now on. */
    private static List<String> uidlPosts(Page page) {
        List<String> posts = new CopyOnWriteArrayList<>();
        page.onRequest(request -> {
            if (request.method().equals("POST") && request.url().contains("v-r=uidl")) {
                posts.add(request.postData());
            }
        });
        return posts;
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

    /** Signs the browser context in with the login form's POST (cookies shared with its pages). */
    private void signIn(BrowserContext tab, String username, String password) {
        String login = tab.request().get(base() + "/login").text();
        Matcher csrf = CSRF.matcher(login);
        FormData form = FormData.create().set("username", username).set("password", password);
        if (csrf.find()) {
            form.set("_csrf", csrf.group(1));
        }
        APIResponse done = tab.request().post(base() + "/login", RequestOptions.create().setForm(form)
                .setMaxRedirects(0));
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.headers().get("location")).doesNotContain("error");
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
