package app.duizhao.account;

import java.time.OffsetDateTime;

/** An account as the admin page shows it (never its hashes). */
public record UserAccount(long id, String username, Role role, boolean enabled, boolean hasApiToken,
                          OffsetDateTime createdAt) {
}
