package app.duizhao.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DeferredCsrfToken;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;

/**
 * Guards the sign-in form ({@code POST /login}), which Vaadin's security configuration leaves without CSRF
 * protection: a request from a foreign {@code Origin} (or {@code Referer}) is refused, so is one without the page's
 * CSRF token, and an account or an address with too many failed sign-ins is refused for a while
 * ({@link LoginThrottle}) with {@code 429} and {@code Retry-After}, before the password is even checked.
 */
final class LoginGuard extends OncePerRequestFilter {

    private final LoginThrottle throttle;
    private final XorCsrfTokenRequestAttributeHandler masked = new XorCsrfTokenRequestAttributeHandler();

    LoginGuard(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equalsIgnoreCase(request.getMethod())
                || !request.getRequestURI().equals(request.getContextPath() + "/login");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!sameOrigin(request)) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "Sign-in from another site is refused.");
            return;
        }
        if (!validCsrfToken(request)) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "The sign-in form has expired: reload the page "
                    + "and sign in again.");
            return;
        }
        String username = request.getParameter("username");
        String address = request.getRemoteAddr();
        Duration wait = throttle.waitBefore(username, address);
        if (!wait.isZero()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            refuse(response, 429, "Too many failed sign-ins: try again in " + Math.max(1, wait.toSeconds())
                    + " s.");
            return;
        }
        chain.doFilter(request, response);
        // Spring Security's form login answers a failure with a redirect to the login page's ?error.
        String location = response.getHeader("Location");
        if (location != null && location.contains("error")) {
            throttle.failed(username, address);
        } else if (response.getStatus() < 400) {
            throttle.succeeded(username);
        }
    }

    private static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null || origin.isBlank() || "null".equals(origin)) {
            origin = request.getHeader("Referer");
        }
        if (origin == null || origin.isBlank()) {
            return true; // Old clients and curl send neither; the CSRF token still has to match.
        }
        try {
            URI uri = URI.create(origin.strip());
            String host = uri.getHost();
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return host != null && host.toLowerCase(Locale.ROOT).equals(request.getServerName().toLowerCase(Locale.ROOT))
                    && port == request.getServerPort();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean validCsrfToken(HttpServletRequest request) {
        // The stored token itself: the CsrfToken request attribute is a freshly masked copy on every read.
        DeferredCsrfToken deferred = (DeferredCsrfToken) request.getAttribute(DeferredCsrfToken.class.getName());
        if (deferred == null) {
            return true; // CSRF is off in this chain altogether.
        }
        CsrfToken expected = deferred.get();
        String sent = request.getParameter(expected.getParameterName());
        if (sent == null) {
            sent = request.getHeader(expected.getHeaderName());
        }
        if (sent == null || sent.isBlank()) {
            return false;
        }
        if (equal(sent, expected.getToken())) {
            return true;
        }
        // The page carries the token masked (BREACH protection): unmask it the way Spring Security does.
        String unmasked = masked.resolveCsrfTokenValue(new SingleParameter(request, expected.getParameterName(), sent),
                expected);
        return unmasked != null && equal(unmasked, expected.getToken());
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(message);
    }

    /** The request with one parameter fixed, for the token resolver. */
    private static final class SingleParameter extends jakarta.servlet.http.HttpServletRequestWrapper {
        private final String name;
        private final String value;

        SingleParameter(HttpServletRequest request, String name, String value) {
            super(request);
            this.name = name;
            this.value = value;
        }

        @Override
        public String getParameter(String parameter) {
            return name.equals(parameter) ? value : super.getParameter(parameter);
        }
    }
}
