package app.duizhao.account;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
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

    CurrentUser(AuthProperties auth) {
        this.authEnabled = auth.enabled();
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

    private static Optional<SignedInUser> principal() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof SignedInUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }
}
