package app.duizhao.account.ui;

import app.duizhao.account.CurrentUser;
import app.duizhao.base.ui.HeaderPart;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.beans.factory.ObjectProvider;

/** Puts the {@link AccountMenu} at the end of the header of every page. */
@org.springframework.stereotype.Component
class AccountMenuPart implements HeaderPart {

    private final CurrentUser currentUser;
    private final ObjectProvider<AuthenticationContext> authentication;

    AccountMenuPart(CurrentUser currentUser, ObjectProvider<AuthenticationContext> authentication) {
        this.currentUser = currentUser;
        this.authentication = authentication;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Component create() {
        return new AccountMenu(currentUser, authentication);
    }
}
