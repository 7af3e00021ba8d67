package app.duizhao.translation.ui;

import app.duizhao.base.ui.HeaderPart;
import app.duizhao.translation.EngineInfo;
import app.duizhao.translation.OutputKind;
import app.duizhao.translation.TranslationService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;

/** Says in the header of every page which engine writes the English, or that Duizhao runs offline. */
@org.springframework.stereotype.Component
class EngineBadgePart implements HeaderPart {

    private final TranslationService translation;

    EngineBadgePart(TranslationService translation) {
        this.translation = translation;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Component create() {
        EngineInfo engine = translation.engineInfo();
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
}
