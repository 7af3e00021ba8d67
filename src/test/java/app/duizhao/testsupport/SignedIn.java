package app.duizhao.testsupport;

import app.duizhao.account.AccountService;
import app.duizhao.account.SignedInUser;
import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Tests with accounts on: Karibu views as a signed-in user (or nobody), and HTTP requests with HTTP Basic or a
 * Bearer token against the server of a {@code RANDOM_PORT} test.
 */
public final class SignedIn {

    private static Routes routes;

    private SignedIn() {
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
        SecurityContextHolder.getContext().setAuthentication(authentication);
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
            SecurityContextHolder.clearContext();
        }
    }

    /**
     * Runs {@code work} on this thread as if {@code username} had signed in (their id and roles), as a request of
     * theirs would.
     */
    public static <T> T as(ApplicationContext context, String username, java.util.function.Supplier<T> work) {
        SignedInUser principal = (SignedInUser) context.getBean(AccountService.class).loadUserByUsername(username);
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                principal, null, principal.getAuthorities()));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
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
}
