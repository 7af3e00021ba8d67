package app.duizhao.account;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

import java.util.List;

/** The principal of a signed-in request: Spring Security's user plus the account id that scopes the data. */
public class SignedInUser extends User {

    private final long id;

    SignedInUser(long id, String username, String passwordHash, Role role, boolean enabled) {
        super(username, passwordHash == null ? "" : passwordHash, enabled, true, true, true,
                List.of(new SimpleGrantedAuthority("ROLE_" + role.name())));
        this.id = id;
    }

    /** The account id. */
    public long id() {
        return id;
    }
}
