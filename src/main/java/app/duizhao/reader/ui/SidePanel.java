package app.duizhao.reader.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Aside;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Section;

/**
 * The reader's side panel: everything that is not the article (summary, translation details, display, tags,
 * versions, export, the source text's tools) in titled sections, opened from the toolbar and closed by its
 * button or Esc. It lies over the page's edge, so opening it moves nothing in the article.
 */
class SidePanel extends Aside {

    private final Div sections = new Div();

    SidePanel() {
        setId("side-panel");
        addClassName("dz-side-panel");
        getElement().setAttribute("aria-label", "Article tools");
        Button close = new Button("Close", event -> close());
        close.setId("side-panel-close");
        close.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        H2 title = new H2("Article tools");
        title.addClassName("dz-side-title");
        Div head = new Div(title, close);
        head.addClassName("dz-side-head");
        sections.addClassName("dz-side-sections");
        add(head, sections);
        // Esc closes the panel (and whatever else is open: each part closes its own).
        getElement().executeJs("const panel = this; document.addEventListener('keydown', e => {"
                + "if (e.key === 'Escape' && panel.isConnected && panel.hasAttribute('open')) {"
                + "panel.dispatchEvent(new CustomEvent('dz-close')); } });");
        getElement().addEventListener("dz-close", event -> close());
        close();
    }

    /** Adds a titled section; {@code id} names it for {@link #open(String)}. */
    Section section(String id, String heading, Component... content) {
        Section section = new Section();
        section.setId(id);
        section.addClassName("dz-side-section");
        H2 title = new H2(heading);
        title.addClassName("dz-side-heading");
        section.add(title);
        section.add(content);
        sections.add(section);
        return section;
    }

    void open() {
        getElement().setAttribute("open", "");
        getElement().removeAttribute("hidden");
    }

    /** Opens the panel scrolled to the section {@code id}. */
    void open(String id) {
        open();
        getElement().executeJs("const s = this.querySelector('#' + $0); if (s) s.scrollIntoView({block: 'start'});",
                id);
    }

    void close() {
        getElement().removeAttribute("open");
        getElement().setAttribute("hidden", "");
    }

    void toggle() {
        if (isOpen()) {
            close();
        } else {
            open();
        }
    }

    boolean isOpen() {
        return getElement().hasAttribute("open");
    }
}
