package app.duizhao.testsupport;

import app.duizhao.account.AccountService;
import app.duizhao.account.SignedInUser;
import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tests with accounts on: Karibu views as a signed-in user (or nobody), and HTTP requests with HTTP Basic or a
 * Bearer token against the server of a {@code RANDOM_PORT} test.
 */
public final class SignedIn {

    private static Routes routes;

    private SignedIn() {
    }

    /**
     * The security-context strategy of {@code context}'s application, which its filters and {@code CurrentUser}
     * use. Not the JVM-wide {@link SecurityContextHolder}: each application started in the test JVM sets that to its
     * own, so it belongs to whichever started last.
     */
    public static SecurityContextHolderStrategy securityContexts(ApplicationContext context) {
        return context.getBeanProvider(SecurityContextHolderStrategy.class)
                .getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    /** Signs this thread out of {@code context}'s application (after a test). */
    public static void signOut(ApplicationContext context) {
        securityContexts(context).clearContext();
    }

    /** Runs {@code work} in a mocked Vaadin UI with nobody signed in. */
    public static void karibu(ApplicationContext context, Runnable work) {
        if (routes == null) {
            routes = new Routes().autoDiscoverViews("app.duizhao");
        }
        MockVaadin.setup(UI::new, new MockSpringServlet(routes, context, UI::new));
        try {
            work.run();
        } finally {
            MockVaadin.tearDown();
        }
    }

    /** Runs {@code work} in a mocked Vaadin UI signed in as {@code username} (with their roles for view checks). */
    public static void karibuAs(ApplicationContext context, String username, Runnable work) {
        SignedInUser principal = (SignedInUser) context.getBean(AccountService.class).loadUserByUsername(username);
        UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(
                principal, null, principal.getAuthorities());
        SecurityContextHolderStrategy securityContexts = securityContexts(context);
        securityContexts.getContext().setAuthentication(authentication);
        try {
            karibu(context, () -> {
                // Vaadin's view access check reads the request's principal and roles.
                FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
                request.setUserPrincipalInt(authentication);
                request.setUserInRole((p, role) -> principal.getAuthorities().stream()
                        .anyMatch(a -> a.getAuthority().equals("ROLE_" + role)));
                work.run();
            });
        } finally {
            securityContexts.clearContext();
        }
    }

    /**
     * Runs {@code work} on this thread as if {@code username} had signed in (their id and roles), as a request of
     * theirs would.
     */
    public static <T> T as(ApplicationContext context, String username, java.util.function.Supplier<T> work) {
        SignedInUser principal = (SignedInUser) context.getBean(AccountService.class).loadUserByUsername(username);
        SecurityContextHolderStrategy securityContexts = securityContexts(context);
        var previous = securityContexts.getContext().getAuthentication();
        securityContexts.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                principal, null, principal.getAuthorities()));
        try {
            return work.get();
        } finally {
            securityContexts.getContext().setAuthentication(previous);
        }
    }

    /** {@link #as(ApplicationContext, String, java.util.function.Supplier)} for work that returns nothing. */
    public static void run(ApplicationContext context, String username, Runnable work) {
        as(context, username, () -> {
            work.run();
            return null;
        });
    }

    /** An {@code Authorization} header value for HTTP Basic. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Requests to {@code http://localhost:<port>} that never follow redirects. */
    public record Http(int port, HttpClient client) {

        public Http(int port) {
            this(port, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build());
        }

        public HttpResponse<String> get(String path, String authorization) throws Exception {
            return send("GET", path, null, null, authorization);
        }

        public HttpResponse<String> postJson(String path, String json, String authorization) throws Exception {
            return send("POST", path, "application/json", json, authorization);
        }

        /** A request; {@code body} null for none. */
        public HttpResponse<String> send(String method, String path, String contentType, String body,
                                         String authorization) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (contentType != null) {
                request.header("Content-Type", contentType + "; charset=UTF-8");
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /**
     * A browser of its own (cookies kept, redirects not followed) signed in to the views through the login form of a
     * {@code RANDOM_PORT} test's server, as a person's browser is: its own HTTP session, session cookie and CSRF token.
     */
    public record FormSession(int port, HttpClient client) {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

        /** Signs in; fails the test when the form answers with an error. */
        public static FormSession signIn(int port, String username, String password) throws Exception {
            FormSession session = new FormSession(port, HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build());
            HttpResponse<String> done = session.postLoginForm(username, password);
            if (done.statusCode() != 302 || done.headers().firstValue("Location").orElse("").contains("error")) {
                throw new AssertionError("Could not sign in as " + username + ": " + done.statusCode() + " "
                        + done.headers().firstValue("Location").orElse(""));
            }
            return session;
        }

        /** Where the login form sends a fresh browser that posts these credentials ({@code /login?error} if wrong). */
        public static String loginRedirect(int port, String username, String password) throws Exception {
            FormSession session = new FormSession(port, HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build());
            return session.postLoginForm(username, password).headers().firstValue("Location").orElseThrow();
        }

        private HttpResponse<String> postLoginForm(String username, String password) throws Exception {
            Matcher csrf = CSRF.matcher(get("/login").body());
            String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                    + (csrf.find() ? "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) : "");
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** A page as this browser gets it. */
        public HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Whether {@code path} opens signed in (200) rather than sending this browser to the login page. */
        public boolean signedIn(String path) throws Exception {
            HttpResponse<String> page = get(path);
            if (page.statusCode() == 302 && page.headers().firstValue("Location").orElse("").endsWith("/login")) {
                return false;
            }
            if (page.statusCode() == 200) {
                return true;
            }
            throw new AssertionError("Neither signed in nor sent to the login page: " + page.statusCode());
        }

        /**
         * Runs {@code work} on this thread with the security context this browser's HTTP session holds, as a Vaadin
         * view of that session does (Vaadin's security context strategy reads it from the session).
         */
        public void runInSession(ApplicationContext context, Runnable work) throws Exception {
            String id = ((CookieManager) client.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                    .filter(cookie -> cookie.getName().equals("JSESSIONID")).map(HttpCookie::getValue).findFirst()
                    .orElseThrow();
            TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) context).getWebServer();
            org.apache.catalina.Context webapp = (org.apache.catalina.Context) server.getTomcat().getHost()
                    .findChildren()[0];
            SecurityContext security = (SecurityContext) webapp.getManager().findSession(id).getSession()
                    .getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
            SecurityContextHolderStrategy securityContexts = securityContexts(context);
            securityContexts.setContext(security);
            try {
                work.run();
            } finally {
                securityContexts.clearContext();
            }
        }
    }
}
