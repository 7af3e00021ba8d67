package app.duizhao.translation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Chooses the engine the settings name: the offline engine, or an LLM engine for an OpenAI-compatible server or
 * Ollama. The LLM engine is built once, at startup, and reused.
 */
@Component
public class TranslationEngines {

    private static final Logger log = LoggerFactory.getLogger(TranslationEngines.class);

    private final OfflineTranslationEngine offline;
    private final TranslationEngine current;

    /**
     * @throws IllegalArgumentException when the provider is not one of {@code offline}, {@code openai}, {@code ollama}
     */
    public TranslationEngines(OfflineTranslationEngine offline, LlmProperties properties) {
        this.offline = offline;
        this.current = forSettings(properties);
        log.info("Translation engine: {} ({})", current.info().label(), properties);
    }

    /** The engine for the current settings. */
    public TranslationEngine current() {
        return current;
    }

    /**
     * Builds an engine for other settings (e.g. to test settings before saving them). Building makes no network call.
     *
     * @throws IllegalArgumentException when the provider is not one of {@code offline}, {@code openai}, {@code ollama}
     */
    public TranslationEngine forSettings(LlmProperties properties) {
        String provider = ChatModels.checkProvider(properties.provider());
        if (ChatModels.OFFLINE.equals(provider)) {
            return offline;
        }
        return new LangChainTranslationEngine(properties);
    }
}
