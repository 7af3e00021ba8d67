package app.duizhao.translation.ui;

import app.duizhao.base.ui.HeaderPart;
import app.duizhao.translation.EngineInfo;
import app.duizhao.translation.OutputKind;
import app.duizhao.translation.TranslationService;
import com.vaadin.flow.component.html.Span;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Says in the header of every page which engine writes the English, or that Duizhao runs offline. */
@Configuration(proxyBeanMethods = false)
class EngineBadgePart {

    @Bean
    HeaderPart engineBadge(TranslationService translation) {
        return HeaderPart.of(20, () -> badge(translation.engineInfo()));
    }

    private static Span badge(EngineInfo engine) {
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
