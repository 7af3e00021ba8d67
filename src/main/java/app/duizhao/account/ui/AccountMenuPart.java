package app.duizhao.account.ui;

import app.duizhao.account.CurrentUser;
import app.duizhao.base.ui.HeaderPart;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the {@link AccountMenu} at the end of the header of every page. */
@Configuration(proxyBeanMethods = false)
class AccountMenuPart {

    @Bean
    HeaderPart accountMenu(CurrentUser currentUser, ObjectProvider<AuthenticationContext> authentication) {
        return HeaderPart.of(30, () -> new AccountMenu(currentUser, authentication));
    }
}
