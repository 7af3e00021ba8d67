package app.duizhao.account;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in form refuses a post without the page's CSRF token and one from a foreign origin, and slows down
 * password guessing: after five wrong passwords on an account, the next attempts (even with the right password)
 * answer 429 with {@code Retry-After} until the wait is over.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "duizhao.auth.enabled=true", "DUIZHAO_ADMIN_USERNAME=first-admin", "DUIZHAO_ADMIN_PASSWORD=first-admin-pass"})
@ActiveProfiles("test")
class LoginProtectionTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");
    private static final String PASSWORD = "right-password-1";

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Test
    void aLoginPostWithoutTheCsrfTokenOrFromAForeignOriginIsRefusedAndTheRightOneSignsIn() throws Exception {
        String name = "csrf-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(name, PASSWORD, Role.USER);

        Browser noToken = new Browser();
        noToken.get("/login");
        HttpResponse<String> refused = noToken.post(name, PASSWORD, null, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(noToken.signedIn()).isFalse();

        Browser foreign = new Browser();
        String token = foreign.token();
        HttpResponse<String> cross = foreign.post(name, PASSWORD, token, "https://evil.example");
        assertThat(cross.statusCode()).isEqualTo(403);
        assertThat(foreign.signedIn()).isFalse();

        Browser good = new Browser();
        HttpResponse<String> ok = good.post(name, PASSWORD, good.token(), "http://localhost:" + port);
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(ok.headers().firstValue("Location").orElse("")).doesNotContain("error");
        assertThat(good.signedIn()).isTrue();
    }

    @Test
    void manyWrongPasswordsOnOneAccountAreThrottledWithRetryAfter() throws Exception {
        String name = "guess-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(name, PASSWORD, Role.USER);
        int throttledAt = -1;
        for (int i = 0; i < 12 && throttledAt < 0; i++) {
            Browser browser = new Browser();
            HttpResponse<String> attempt = browser.post(name, "wrong-" + i, browser.token(), null);
            if (attempt.statusCode() == 429) {
                throttledAt = i;
                assertThat(attempt.headers().firstValue("Retry-After").orElse("")).matches("[1-9][0-9]*");
                assertThat(attempt.body()).contains("try again in");
            } else {
                assertThat(attempt.headers().firstValue("Location").orElse("")).contains("error");
            }
        }
        assertThat(throttledAt).as("the attempt that met the throttle").isEqualTo(LoginThrottle.FREE_ACCOUNT_FAILURES);
        Browser right = new Browser();
        assertThat(right.post(name, PASSWORD, right.token(), null).statusCode())
                .as("even the right password waits its turn").isEqualTo(429);
    }

    /** A browser of its own: cookies kept, redirects not followed. */
    private final class Browser {
        final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        String token() throws Exception {
            Matcher csrf = CSRF.matcher(get("/login").body());
            assertThat(csrf.find()).as("the login page carries a CSRF token").isTrue();
            return csrf.group(1);
        }

        HttpResponse<String> post(String username, String password, String token, String origin) throws Exception {
            String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                    + (token == null ? "" : "&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
            if (origin != null) {
                request.header("Origin", origin);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        boolean signedIn() throws Exception {
            HttpResponse<String> library = get("/");
            return library.statusCode() == 200;
        }
    }
}
