package app.duizhao.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A person with an account. Passwords and API tokens are stored only as hashes. */
@Entity
@Table(name = "app_user")
class AppUser {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String username;
    private String passwordHash;
    @Column(nullable = false)
    private String role;
    private String apiTokenHash;
    @Column(nullable = false)
    private OffsetDateTime createdAt;
    private boolean enabled;
    /** Bumped whenever the account's signed-in sessions must end (see V9); a session signed in under an older one is refused. */
    @Column(nullable = false)
    private long sessionGeneration;

    protected AppUser() {
    }

    AppUser(String username, String passwordHash, Role role, OffsetDateTime createdAt) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role.name();
        this.createdAt = createdAt;
        this.enabled = true;
    }

    Long getId() { return id; }
    String getUsername() { return username; }
    String getPasswordHash() { return passwordHash; }
    void setPasswordHash(String passwordHash) { this.passwordHash = passwordHash; }
    Role getRole() { return Role.valueOf(role); }
    String getApiTokenHash() { return apiTokenHash; }
    void setApiTokenHash(String apiTokenHash) { this.apiTokenHash = apiTokenHash; }
    OffsetDateTime getCreatedAt() { return createdAt; }
    boolean isEnabled() { return enabled; }
    void setEnabled(boolean enabled) { this.enabled = enabled; }
    long getSessionGeneration() { return sessionGeneration; }
    /** Ends every session signed in so far, on every instance; returns the new generation. */
    long endSessions() { return ++sessionGeneration; }
}
