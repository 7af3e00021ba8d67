package app.duizhao.account.ui;

import app.duizhao.account.AccountService;
import app.duizhao.account.CurrentUser;
import app.duizhao.base.ui.MainLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** The signed-in user's account ({@code /account}): a new API token for scripts, shown once. */
@Route(value = "account", layout = MainLayout.class)
@PageTitle("Account · Duizhao")
@PermitAll
public class AccountView extends VerticalLayout {

    final Button newToken = new Button("New API token");
    final TextField token = new TextField("API token (shown once; send it as Authorization: Bearer <token>)");

    public AccountView(AccountService accounts, CurrentUser currentUser) {
        add(new H2("Account"));
        if (!currentUser.authEnabled()) {
            add(new Paragraph("Accounts are off: this is a single-user Duizhao and the API needs no token."));
            return;
        }
        add(new Paragraph("Signed in as " + currentUser.username().orElse("?") + "."));
        token.setReadOnly(true);
        token.setWidthFull();
        token.setVisible(false);
        newToken.addClickListener(click -> {
            token.setValue(accounts.newApiToken(currentUser.id()));
            token.setVisible(true);
        });
        add(newToken, token);
    }
}
