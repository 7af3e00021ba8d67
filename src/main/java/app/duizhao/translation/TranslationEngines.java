package app.duizhao.translation;

import org.springframework.stereotype.Component;

/**
 * Chooses the engine the settings name. Placeholder: replaced by the provider factory.
 */
@Component
public class TranslationEngines {

    private final OfflineTranslationEngine offline;

    public TranslationEngines(OfflineTranslationEngine offline, LlmProperties properties) {
        this.offline = offline;
    }

    /** The engine for the current settings. */
    public TranslationEngine current() {
        return offline;
    }
}
