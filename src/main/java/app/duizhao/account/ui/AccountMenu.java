package app.duizhao.account.ui;

import app.duizhao.account.CurrentUser;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The header's account corner when accounts are on: the admin's user list, who is signed in (a link to their
 * account page) and Log out. Empty on a single-user laptop.
 */
public class AccountMenu extends Span {

    public AccountMenu(CurrentUser currentUser, ObjectProvider<AuthenticationContext> authentication) {
        addClassName("dz-account-menu");
        if (!currentUser.authEnabled()) {
            setVisible(false);
            return;
        }
        if (currentUser.isAdmin()) {
            RouterLink users = new RouterLink("Users", AdminUsersView.class);
            users.addClassName("dz-nav-link");
            add(users);
        }
        RouterLink account = new RouterLink(currentUser.username().orElse("Account"), AccountView.class);
        account.addClassName("dz-account-link");
        Button logout = new Button("Log out", click -> authentication.getObject().logout());
        logout.addClassName("dz-logout");
        add(account, logout);
    }
}
