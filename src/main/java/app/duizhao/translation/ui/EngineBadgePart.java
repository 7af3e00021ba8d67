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
            badge.setText("Offline: dictionary only");
            badge.getElement().setAttribute("title", "No translation model is set up; the English column shows "
                    + "dictionary meanings. Choose a model on the Settings page.");
            badge.addClassName("dz-engine-offline");
        } else {
            badge.setText("Model: " + engine.label());
        }
        return badge;
    }
}
