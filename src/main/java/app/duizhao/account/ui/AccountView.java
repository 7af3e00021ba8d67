package app.duizhao.account.ui;

import app.duizhao.account.AccountService;
import app.duizhao.account.CurrentUser;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/**
 * The signed-in user's account ({@code /account}): a new password (after the current one; the user's other sessions
 * end, this one stays), and a new API token for scripts, shown once.
 */
@Route("account")
@PageTitle("Account · Duizhao")
@PermitAll
public class AccountView extends VerticalLayout {

    final Button newToken = new Button("New API token");
    final TextField token = new TextField("API token (shown once; send it as Authorization: Bearer <token>)");
    final PasswordField currentPassword = new PasswordField("Current password");
    final PasswordField newPassword = new PasswordField("New password");
    final PasswordField repeatPassword = new PasswordField("New password again");
    final Button changePassword = new Button("Change password");
    final Paragraph passwordMessage = new Paragraph();

    public AccountView(AccountService accounts, CurrentUser currentUser) {
        add(new H2("Account"));
        if (!currentUser.authEnabled()) {
            add(new Paragraph("Accounts are off: this is a single-user Duizhao and the API needs no token."));
            return;
        }
        add(new Paragraph("Signed in as " + currentUser.username().orElse("?") + "."));

        currentPassword.setId("current-password");
        newPassword.setId("new-password");
        repeatPassword.setId("repeat-password");
        changePassword.setId("change-password");
        changePassword.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        passwordMessage.setId("password-message");
        changePassword.addClickListener(click -> {
            if (!newPassword.getValue().equals(repeatPassword.getValue())) {
                passwordMessage.setText("The two new passwords differ.");
                return;
            }
            try {
                accounts.changePassword(currentPassword.getValue(), newPassword.getValue());
                passwordMessage.setText("Your password is changed. Your other sessions are signed out.");
            } catch (IllegalArgumentException e) {
                passwordMessage.setText(e.getMessage());
            } finally {
                currentPassword.clear();
                newPassword.clear();
                repeatPassword.clear();
            }
        });
        add(new H3("Password"), currentPassword, newPassword, repeatPassword, changePassword, passwordMessage);

        token.setReadOnly(true);
        token.setWidthFull();
        token.setVisible(false);
        newToken.setId("new-api-token");
        newToken.addClickListener(click -> {
            token.setValue(accounts.newApiToken(currentUser.id()));
            token.setVisible(true);
        });
        add(new H3("API token"), new Paragraph("Scripts sign in with it. A new token replaces the old one; changing your "
                + "password does not."), newToken, token);
    }
}
