package app.duizhao.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * {@code Authorization: Bearer <API token>} on {@code /api/**}: signs the request in as the token's account. An
 * unknown token answers 401 at once rather than falling through to anonymous.
 */
class ApiTokenFilter extends OncePerRequestFilter {

    private final AccountService accounts;
    private final SecurityContextHolderStrategy securityContexts;

    ApiTokenFilter(AccountService accounts, SecurityContextHolderStrategy securityContexts) {
        this.accounts = accounts;
        this.securityContexts = securityContexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<SignedInUser> user = accounts.byApiToken(header.substring(7));
        if (user.isEmpty()) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        SecurityContext context = securityContexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.get(), null,
                user.get().getAuthorities()));
        securityContexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            securityContexts.clearContext();
        }
    }
}
