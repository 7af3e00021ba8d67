package app.duizhao.account.ui;

import app.duizhao.account.AccountService;
import app.duizhao.account.AuthProperties;
import app.duizhao.account.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** Open sign-up ({@code /signup}), only when {@code duizhao.auth.open-signup=true}. */
@Route(value = "signup", autoLayout = false)
@PageTitle("Create an account · Duizhao")
@AnonymousAllowed
public class SignupView extends VerticalLayout {

    final TextField username = new TextField("User name");
    final PasswordField password = new PasswordField("Password");
    final Button create = new Button("Create account");
    final Paragraph message = new Paragraph();

    public SignupView(AuthProperties auth, AccountService accounts) {
        setAlignItems(FlexComponent.Alignment.CENTER);
        message.setId("signup-message");
        add(new H1("Create an account"));
        if (!auth.enabled() || !auth.openSignup()) {
            message.setText("Sign-up is closed: ask an admin for an account.");
            add(message, new Anchor("login", "Sign in"));
            return;
        }
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(click -> {
            try {
                accounts.create(username.getValue(), password.getValue(), Role.USER);
                message.setText("Your account is ready: sign in.");
                password.clear();
            } catch (IllegalArgumentException e) {
                message.setText(e.getMessage());
            }
        });
        add(username, password, create, message, new Anchor("login", "Sign in"));
    }
}
