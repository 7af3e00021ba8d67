package app.duizhao.account;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Accounts: creating them (by an admin, or by the person when sign-up is open), looking them up for sign-in, and
 * per-user API tokens. Passwords are stored as BCrypt hashes; an API token is 32 random bytes shown once and stored
 * as its SHA-256 (a high-entropy secret needs no slow hash, and the hash lets a request find its account).
 */
@Service
public class AccountService implements UserDetailsService {

    /** The built-in account that owns everything when accounts are off (created by the V7 migration). */
    public static final long LOCAL_USER_ID = 1L;

    static final int MIN_PASSWORD_LENGTH = 8;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{2,100}");

    private final AppUserRepository users;
    private final PasswordEncoder encoder = new BCryptPasswordEncoder();
    private final SecureRandom random = new SecureRandom();

    AccountService(AppUserRepository users) {
        this.users = users;
    }

    /** The password encoder of every account (BCrypt). */
    public PasswordEncoder passwordEncoder() {
        return encoder;
    }

    /**
     * Creates an account.
     *
     * @throws IllegalArgumentException when the name is malformed or taken, or the password too short
     */
    @Transactional
    public UserAccount create(String username, String password, Role role) {
        String name = username == null ? "" : username.strip();
        if (!USERNAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A user name has 2 to 100 letters, digits or . _ @ -");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("A password has at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (users.findByUsernameIgnoreCase(name).isPresent() || name.equalsIgnoreCase("local")) {
            throw new IllegalArgumentException("The user name \"" + name + "\" is taken.");
        }
        AppUser user = users.saveAndFlush(new AppUser(name, encoder.encode(password), role,
                OffsetDateTime.now(ZoneOffset.UTC)));
        return view(user);
    }

    /** Whether an account with this name exists. */
    @Transactional(readOnly = true)
    public boolean exists(String username) {
        return username != null && users.findByUsernameIgnoreCase(username.strip()).isPresent();
    }

    /** Every account but the built-in local one, by name. */
    @Transactional(readOnly = true)
    public List<UserAccount> list() {
        return users.findByIdNotOrderByUsername(LOCAL_USER_ID).stream().map(AccountService::view).toList();
    }

    /** Issues a new API token for an account, replacing any earlier one; the token is returned only here. */
    @Transactional
    public String newApiToken(long userId) {
        AppUser user = users.findById(userId).orElseThrow();
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "dz_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        user.setApiTokenHash(sha256(token));
        return token;
    }

    /** The enabled account an API token belongs to, or empty. */
    @Transactional(readOnly = true)
    public Optional<SignedInUser> byApiToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return users.findByApiTokenHash(sha256(token.strip())).filter(AppUser::isEnabled).map(AccountService::principal);
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) throws UsernameNotFoundException {
        return users.findByUsernameIgnoreCase(username == null ? "" : username.strip())
                .filter(user -> user.getPasswordHash() != null)
                .map(AccountService::principal)
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }

    private static SignedInUser principal(AppUser user) {
        return new SignedInUser(user.getId(), user.getUsername(), user.getPasswordHash(), user.getRole(),
                user.isEnabled());
    }

    private static UserAccount view(AppUser user) {
        return new UserAccount(user.getId(), user.getUsername(), user.getRole(), user.isEnabled(),
                user.getApiTokenHash() != null, user.getCreatedAt());
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
