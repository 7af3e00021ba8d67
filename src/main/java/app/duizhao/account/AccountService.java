package app.duizhao.account;

import app.duizhao.base.Hashes;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
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
    private final CurrentUser currentUser;
    private final PasswordEncoder encoder = new BCryptPasswordEncoder();
    private final SecureRandom random = new SecureRandom();

    AccountService(AppUserRepository users, CurrentUser currentUser) {
        this.users = users;
        this.currentUser = currentUser;
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
        checkPassword(password);
        if (users.findByUsernameIgnoreCase(name).isPresent() || name.equalsIgnoreCase("local")) {
            throw new IllegalArgumentException("The user name \"" + name + "\" is taken.");
        }
        AppUser user = users.saveAndFlush(new AppUser(name, encoder.encode(password), role,
                OffsetDateTime.now(ZoneOffset.UTC)));
        return view(user);
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("A password has at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
    }

    /**
     * Changes the signed-in user's password, after checking their current one. Every other session of theirs ends,
     * on every instance (at its next request); the one that changed it stays signed in. API tokens stay valid: they
     * are a credential of their own, replaced on the account page.
     *
     * @throws IllegalArgumentException when the current password is wrong or the new one too short
     * @throws IllegalStateException    when accounts are off or nobody is signed in
     */
    @Transactional
    public void changePassword(String currentPassword, String newPassword) {
        if (!currentUser.authEnabled()) {
            throw new IllegalStateException("Accounts are off: there is no password to change.");
        }
        AppUser user = users.lockById(currentUser.id()).orElseThrow(
                () -> new IllegalStateException("Nobody is signed in"));
        if (currentPassword == null || user.getPasswordHash() == null
                || !encoder.matches(currentPassword, user.getPasswordHash())) {
            throw new IllegalArgumentException("The current password is not right.");
        }
        checkPassword(newPassword);
        if (newPassword.equals(currentPassword)) {
            throw new IllegalArgumentException("The new password is the same as the current one.");
        }
        user.setPasswordHash(encoder.encode(newPassword));
        long before = user.getSessionGeneration();
        long generation = user.endSessions();
        // This session is renewed at once, so that a request of it running alongside (another tab of the same
        // browser) is never taken for an ended one; should the change not commit, the renewal is taken back.
        currentUser.renewSignIn(generation);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    currentUser.renewSignIn(before);
                }
            }
        });
    }

    /**
     * An admin sets another account's password (when its owner forgot it, or it leaked); every session of that
     * account ends at its next request, on every instance. Its API token stays valid (revoke it by disabling the
     * account, or have the owner issue a new one).
     *
     * @throws AccessDeniedException    for anyone but an admin
     * @throws IllegalArgumentException for an unknown account, the built-in local one, the admin's own account (they
     *                                  change theirs on the account page, giving the current one) or a short password
     */
    @Transactional
    public UserAccount resetPassword(long userId, String newPassword) {
        if (!currentUser.authEnabled() || !currentUser.isAdmin()) {
            throw new AccessDeniedException("Only an admin may reset passwords.");
        }
        if (userId == LOCAL_USER_ID) {
            throw new IllegalArgumentException("The built-in local account cannot sign in.");
        }
        if (userId == currentUser.id()) {
            throw new IllegalArgumentException("Change your own password on the account page.");
        }
        checkPassword(newPassword);
        AppUser user = users.lockById(userId).orElseThrow(
                () -> new IllegalArgumentException("There is no account " + userId + "."));
        user.setPasswordHash(encoder.encode(newPassword));
        user.endSessions();
        return view(user);
    }

    /**
     * Lets an account sign in again, or stops it: a disabled account cannot sign in, its API token and HTTP Basic
     * are refused, and its open sessions end at their next request (on every instance). Enabling it again does not
     * bring those sessions back.
     *
     * @throws AccessDeniedException    for anyone but an admin
     * @throws IllegalArgumentException for an unknown account, the built-in local one, or the admin's own account
     */
    @Transactional
    public UserAccount setEnabled(long userId, boolean enabled) {
        if (!currentUser.authEnabled() || !currentUser.isAdmin()) {
            throw new AccessDeniedException("Only an admin may enable or disable accounts.");
        }
        if (userId == LOCAL_USER_ID) {
            throw new IllegalArgumentException("The built-in local account cannot sign in.");
        }
        if (!enabled && userId == currentUser.id()) {
            throw new IllegalArgumentException("You cannot disable your own account.");
        }
        AppUser user = users.lockById(userId).orElseThrow(
                () -> new IllegalArgumentException("There is no account " + userId + "."));
        if (!enabled) {
            user.endSessions();
        }
        user.setEnabled(enabled);
        return view(user);
    }

    /**
     * Whether a session signed in as {@code user} may go on: the account exists, is enabled, and no password change,
     * reset or disabling ended its sessions since this one signed in (or was renewed). One primary-key read, made on
     * each signed-in request so that it holds across every instance on the database.
     */
    @Transactional(readOnly = true)
    public boolean sessionStillValid(SignedInUser user) {
        // A renewed session may be one ahead while the change that renewed it commits.
        return users.findById(user.id())
                .filter(AppUser::isEnabled)
                .filter(account -> user.sessionGeneration() >= account.getSessionGeneration())
                .isPresent();
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
                user.isEnabled(), user.getSessionGeneration());
    }

    private static UserAccount view(AppUser user) {
        return new UserAccount(user.getId(), user.getUsername(), user.getRole(), user.isEnabled(),
                user.getApiTokenHash() != null, user.getCreatedAt());
    }

    static String sha256(String token) {
        return Hashes.sha256Hex(token);
    }
}
