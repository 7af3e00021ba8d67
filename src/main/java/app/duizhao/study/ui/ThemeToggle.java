package app.duizhao.study.ui;

import app.duizhao.study.ReaderPreferences;
import app.duizhao.study.StudyService;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;

/** The header's light/dark switch (Lumo's dark theme); the choice is kept with the reader preferences. */
public class ThemeToggle extends Button {

    private final StudyService study;

    public ThemeToggle(StudyService study) {
        this.study = study;
        setId("theme-toggle");
        addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        addClickListener(e -> {
            ReaderPreferences p = study.savePreferences(study.preferences().withDark(!isDark()));
            apply(p.dark());
        });
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        apply(study.preferences().dark());
    }

    private boolean isDark() {
        return UI.getCurrent() != null && "dark".equals(UI.getCurrent().getElement().getAttribute("theme"));
    }

    private void apply(boolean dark) {
        UI ui = UI.getCurrent();
        if (ui != null) {
            if (dark) {
                ui.getElement().setAttribute("theme", "dark");
            } else {
                ui.getElement().removeAttribute("theme");
            }
            // The page background outside the body follows too.
            ui.getElement().executeJs("document.documentElement.setAttribute('theme', $0)", dark ? "dark" : "");
        }
        setText(dark ? "☀ Light" : "☾ Dark");
        getElement().setAttribute("aria-label", dark ? "Switch to the light theme" : "Switch to the dark theme");
    }
}
