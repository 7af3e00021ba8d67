package app.duizhao.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Ends a signed-in session at its next request once it no longer holds: its account was disabled (or deleted), or
 * its sessions were ended by a password change or reset since it signed in ({@link AccountService#sessionStillValid}).
 * The request then goes on as anonymous: a view answers with the login page, a Vaadin UIDL request with "session
 * expired", upon which the browser reloads into the login page. The database is asked on every signed-in request (one
 * primary-key read) so that it holds across several app instances. Every user action in a view comes this way too:
 * the client sends over HTTP ({@code WEBSOCKET_XHR} push, see {@code AppShell}); a message that still arrives over the
 * push websocket is checked by {@link PushSessionCheck}. The API needs none of this: it is stateless and checks the
 * account on every request.
 */
class SignedInSessionFilter extends OncePerRequestFilter {

    private final AccountService accounts;
    private final SecurityContextHolderStrategy securityContexts;

    SignedInSessionFilter(AccountService accounts, SecurityContextHolderStrategy securityContexts) {
        this.accounts = accounts;
        this.securityContexts = securityContexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = securityContexts.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user
                && !accounts.sessionStillValid(user)) {
            securityContexts.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }
}
