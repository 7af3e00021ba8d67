package app.duizhao.study.ui;

import app.duizhao.base.ui.HeaderPart;
import app.duizhao.study.StudyService;
import com.vaadin.flow.component.Component;

/** Puts the light/dark {@link ThemeToggle} in the header of every page. */
@org.springframework.stereotype.Component
class ThemeTogglePart implements HeaderPart {

    private final StudyService study;

    ThemeTogglePart(StudyService study) {
        this.study = study;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Component create() {
        return new ThemeToggle(study);
    }
}
