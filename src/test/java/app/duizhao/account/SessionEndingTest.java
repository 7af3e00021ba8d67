package app.duizhao.account;

import app.duizhao.account.ui.AdminUsersView;
import app.duizhao.testsupport.SignedIn;
import app.duizhao.testsupport.SignedIn.FormSession;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;
import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How signed-in sessions end, over real HTTP sessions of the test's server: a password change ends the user's other
 * sessions and keeps the one that made it; an admin's password reset or disabling ends them all, for good. The
 * sessions are told apart by the database's session generation, so this holds across instances. Same properties as
 * {@link AccountsIsolationTest}, so both share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "duizhao.auth.enabled=true", "DUIZHAO_ADMIN_USERNAME=first-admin", "DUIZHAO_ADMIN_PASSWORD=first-admin-pass"})
@ActiveProfiles("test")
class SessionEndingTest {

    private static final String ADMIN = "first-admin";
    private static final String PASSWORD = "carol-secret-1";
    private static final String NEW_PASSWORD = "carol-secret-NEW";
    private static final String ADMIN_PASSWORD = "first-admin-pass";
    /** A page only a signed-in person opens. */
    private static final String PAGE = "/account";

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @LocalServerPort int port;
    @Autowired AccountService accounts;
    @Autowired ApplicationContext context;

    UserAccount carol;

    @BeforeEach
    void anAccount() {
        carol = accounts.create("carol-" + suffix, PASSWORD, Role.USER);
    }

    @AfterEach
    void clearSecurity() {
        SignedIn.signOut(context);
    }

    @Test
    void changingThePasswordEndsTheUsersOtherSessionsWhileTheOneThatChangedItStaysIn() throws Exception {
        FormSession first = FormSession.signIn(port, carol.username(), PASSWORD);
        FormSession second = FormSession.signIn(port, carol.username(), PASSWORD);
        assertThat(first.signedIn(PAGE)).isTrue();
        assertThat(second.signedIn(PAGE)).isTrue();
        String token = accounts.newApiToken(carol.id());

        // The change as the /account view makes it, with the first session's security context.
        first.runInSession(context, () -> accounts.changePassword(PASSWORD, NEW_PASSWORD));

        assertThat(first.signedIn(PAGE)).as("the session that changed it").isTrue();
        assertThat(second.signedIn(PAGE)).as("the other session").isFalse();
        assertThat(second.signedIn(PAGE)).as("stays ended").isFalse();
        assertThat(first.signedIn(PAGE)).isTrue();
        assertThat(FormSession.signIn(port, carol.username(), NEW_PASSWORD).signedIn(PAGE)).isTrue();
        assertThat(FormSession.loginRedirect(port, carol.username(), PASSWORD)).contains("/login?error");
        // The API token is a credential of its own and survives the change.
        assertThat(new SignedIn.Http(port).get("/api/translations/no-such-batch", "Bearer " + token).statusCode())
                .as("signed in (a missing batch), not 401").isEqualTo(404);
    }

    @Test
    void aFailedPasswordChangeEndsNoSession() throws Exception {
        FormSession first = FormSession.signIn(port, carol.username(), PASSWORD);
        FormSession second = FormSession.signIn(port, carol.username(), PASSWORD);

        first.runInSession(context, () -> assertThatThrownBy(() -> accounts.changePassword("not-it", NEW_PASSWORD))
                .isInstanceOf(IllegalArgumentException.class));
        first.runInSession(context, () -> assertThatThrownBy(() -> accounts.changePassword(PASSWORD, "short"))
                .isInstanceOf(IllegalArgumentException.class));

        assertThat(first.signedIn(PAGE)).isTrue();
        assertThat(second.signedIn(PAGE)).isTrue();
    }

    @Test
    void anAdminResettingAPasswordEndsAllTheUsersSessionsAndTheNewPasswordSignsIn() throws Exception {
        FormSession first = FormSession.signIn(port, carol.username(), PASSWORD);
        FormSession second = FormSession.signIn(port, carol.username(), PASSWORD);
        FormSession admin = FormSession.signIn(port, ADMIN, ADMIN_PASSWORD);

        assertThatThrownBy(() -> SignedIn.as(context, carol.username(), () -> accounts.resetPassword(carol.id(),
                NEW_PASSWORD))).isInstanceOf(AccessDeniedException.class);
        long adminId = accounts.list().stream().filter(u -> u.username().equals(ADMIN)).findFirst().orElseThrow().id();
        assertThatThrownBy(() -> SignedIn.as(context, ADMIN, () -> accounts.resetPassword(adminId, NEW_PASSWORD)))
                .hasMessage("Change your own password on the account page.");

        SignedIn.karibuAs(context, ADMIN, () -> {
            UI.getCurrent().navigate(AdminUsersView.class);
            _click(passwordButtonOf(carol.username()));
            Dialog dialog = _get(Dialog.class);
            PasswordField password = _get(dialog, PasswordField.class, spec -> spec.withId("reset-password"));
            password.setValue("short");
            _click(_get(dialog, Button.class, spec -> spec.withId("reset-password-set")));
            assertThat(password.isInvalid()).isTrue();
            assertThat(password.getErrorMessage()).contains("at least 8 characters");
            password.setValue(NEW_PASSWORD);
            _click(_get(dialog, Button.class, spec -> spec.withId("reset-password-set")));
            assertThat(dialog.isOpened()).isFalse();
            assertThat(_get(Paragraph.class, spec -> spec.withId("admin-users-message")).getText())
                    .isEqualTo("Set a new password for " + carol.username() + ".");
        });

        assertThat(first.signedIn(PAGE)).isFalse();
        assertThat(second.signedIn(PAGE)).isFalse();
        assertThat(admin.signedIn(PAGE)).isTrue();
        assertThat(FormSession.loginRedirect(port, carol.username(), PASSWORD)).contains("/login?error");
        assertThat(FormSession.signIn(port, carol.username(), NEW_PASSWORD).signedIn(PAGE)).isTrue();
    }

    @Test
    void aSessionOfADisabledUserIsRefusedAtItsNextRequestEvenWhenTheAccountIsEnabledAgainBeforeIt() throws Exception {
        FormSession browser = FormSession.signIn(port, carol.username(), PASSWORD);
        FormSession later = FormSession.signIn(port, carol.username(), PASSWORD);
        assertThat(browser.signedIn(PAGE)).isTrue();

        SignedIn.run(context, ADMIN, () -> accounts.setEnabled(carol.id(), false));
        assertThat(browser.signedIn(PAGE)).isFalse();

        SignedIn.run(context, ADMIN, () -> accounts.setEnabled(carol.id(), true));
        assertThat(later.signedIn(PAGE)).as("disabled in between: ended all the same").isFalse();
        assertThat(FormSession.signIn(port, carol.username(), PASSWORD).signedIn(PAGE)).isTrue();
    }

    // ---------------------------------------------------------------- helpers

    @SuppressWarnings("unchecked")
    private static Button passwordButtonOf(String username) {
        Grid<UserAccount> grid = _get(Grid.class);
        List<UserAccount> rows = grid.getGenericDataView().getItems().toList();
        int row = rows.stream().map(UserAccount::username).toList().indexOf(username);
        assertThat(row).isNotNegative();
        Button button = (Button) GridKt._getCellComponent(grid, row, "password");
        assertThat(button.getText()).isEqualTo("New password");
        return button;
    }
}
