package app.duizhao.account;

import com.vaadin.flow.server.VaadinSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Service;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whose data a piece of work touches. With accounts off it is always the built-in local user
 * ({@link AccountService#LOCAL_USER_ID}); with accounts on, the signed-in user of the request (or of the Vaadin
 * session). Background work has no request: capture the user with {@link #wrap(Runnable)} before handing work to
 * another thread.
 */
@Service
public class CurrentUser {

    private static final ThreadLocal<Long> OVERRIDE = new ThreadLocal<>();

    private final boolean authEnabled;
    private final SecurityContextHolderStrategy securityContexts;

    /**
     * {@code securityContexts}: this application's strategy (Vaadin's, which also reads the HTTP session), the same
     * one its security filters use; not the JVM-wide {@link SecurityContextHolder}, which the last application
     * started in this JVM sets (tests start several).
     */
    CurrentUser(AuthProperties auth, ObjectProvider<SecurityContextHolderStrategy> securityContexts) {
        this.authEnabled = auth.enabled();
        this.securityContexts = securityContexts.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    /** The security-context strategy of this application (for its filters). */
    SecurityContextHolderStrategy securityContexts() {
        return securityContexts;
    }

    /** Whether accounts are on. */
    public boolean authEnabled() {
        return authEnabled;
    }

    /**
     * The id of the current user.
     *
     * @throws IllegalStateException with accounts on, when nobody is signed in on this thread
     */
    public long id() {
        Long override = OVERRIDE.get();
        if (override != null) {
            return override;
        }
        if (!authEnabled) {
            return AccountService.LOCAL_USER_ID;
        }
        return principal().map(SignedInUser::id)
                .orElseThrow(() -> new IllegalStateException("Nobody is signed in on this thread"));
    }

    /** The signed-in user's name, or empty with accounts off or when nobody is signed in. */
    public Optional<String> username() {
        return authEnabled ? principal().map(SignedInUser::getUsername) : Optional.empty();
    }

    /** Whether the current user is an admin (always true with accounts off: the laptop's owner does everything). */
    public boolean isAdmin() {
        if (!authEnabled) {
            return true;
        }
        return principal().map(p -> p.getAuthorities().stream()
                .anyMatch(a -> ("ROLE_" + Role.ADMIN.name()).equals(a.getAuthority()))).orElse(false);
    }

    /** {@code task} set to run as the current user on whatever thread runs it. */
    public Runnable wrap(Runnable task) {
        long user = id();
        return () -> runAs(user, () -> {
            task.run();
            return null;
        });
    }

    /** Runs {@code work} as user {@code userId} on this thread (background jobs, tests). */
    public <T> T runAs(long userId, Supplier<T> work) {
        Long previous = OVERRIDE.get();
        OVERRIDE.set(userId);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                OVERRIDE.remove();
            } else {
                OVERRIDE.set(previous);
            }
        }
    }

    /**
     * Renews this thread's sign-in to {@code generation}, after a change that ended the account's other sessions.
     * In a Vaadin request the security context is the one kept in the HTTP session (Vaadin's security context
     * strategy reads it from there), so the session itself carries the renewed sign-in; the context is also written
     * back to the session explicitly, in case it was a copy.
     */
    void renewSignIn(long generation) {
        SecurityContext context = securityContexts.getContext();
        Authentication authentication = context.getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof SignedInUser user)) {
            return;
        }
        SignedInUser renewed = user.renewed(generation);
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(renewed, null,
                renewed.getAuthorities());
        token.setDetails(authentication.getDetails());
        context.setAuthentication(token);
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null && session.getSession() != null) {
            session.getSession().setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                    context);
        }
    }

    private Optional<SignedInUser> principal() {
        Authentication authentication = securityContexts.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof SignedInUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }
}
