package app.duizhao.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Accounts ({@code duizhao.auth.*}). Off by default: on a laptop Duizhao is single-user with no login. The
 * {@code postgres} profile turns them on.
 *
 * @param enabled    whether people sign in (form login for views, HTTP Basic or an API token for {@code /api})
 * @param openSignup whether anyone may create an account at {@code /signup}; otherwise an admin creates them
 */
@ConfigurationProperties("duizhao.auth")
public record AuthProperties(@DefaultValue("false") boolean enabled, @DefaultValue("false") boolean openSignup) {
}
