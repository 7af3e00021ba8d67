package app.duizhao.account;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

import java.util.List;

/**
 * The principal of a signed-in request: Spring Security's user plus the account id that scopes the data, and the
 * account's session generation when it signed in (a session kept in the server lives only while that generation is
 * the account's; see {@link AccountService#sessionStillValid}).
 */
public class SignedInUser extends User {

    private final long id;
    private final long sessionGeneration;

    SignedInUser(long id, String username, String passwordHash, Role role, boolean enabled, long sessionGeneration) {
        super(username, passwordHash == null ? "" : passwordHash, enabled, true, true, true,
                List.of(new SimpleGrantedAuthority("ROLE_" + role.name())));
        this.id = id;
        this.sessionGeneration = sessionGeneration;
    }

    /** The account id. */
    public long id() {
        return id;
    }

    /** The account's session generation when this sign-in happened (or was renewed). */
    long sessionGeneration() {
        return sessionGeneration;
    }

    /** The same sign-in, renewed to a later generation (the session that changed the password stays signed in). */
    SignedInUser renewed(long generation) {
        Role role = getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + Role.ADMIN.name()))
                ? Role.ADMIN : Role.USER;
        return new SignedInUser(id, getUsername(), getPassword(), role, isEnabled(), generation);
    }
}
