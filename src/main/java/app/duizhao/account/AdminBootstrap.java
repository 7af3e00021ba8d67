package app.duizhao.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The first admin: with accounts on, {@code DUIZHAO_ADMIN_USERNAME} and {@code DUIZHAO_ADMIN_PASSWORD} create an
 * admin account at startup when no account of that name exists yet. The password is never logged.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AuthProperties auth;
    private final AccountService accounts;
    private final Environment environment;

    AdminBootstrap(AuthProperties auth, AccountService accounts, Environment environment) {
        this.auth = auth;
        this.accounts = accounts;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!auth.enabled()) {
            return;
        }
        String username = environment.getProperty("DUIZHAO_ADMIN_USERNAME");
        String password = environment.getProperty("DUIZHAO_ADMIN_PASSWORD");
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            if (accounts.list().isEmpty()) {
                log.warn("Accounts are on but there is no account yet: set DUIZHAO_ADMIN_USERNAME and "
                        + "DUIZHAO_ADMIN_PASSWORD to create the first admin");
            }
            return;
        }
        if (accounts.exists(username)) {
            return;
        }
        try {
            accounts.create(username, password, Role.ADMIN);
            log.info("Created the admin account \"{}\"", username.strip());
        } catch (IllegalArgumentException e) {
            log.warn("Could not create the admin account from DUIZHAO_ADMIN_USERNAME: {}", e.getMessage());
        }
    }
}
