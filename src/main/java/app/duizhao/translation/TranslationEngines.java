package app.duizhao.translation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import app.duizhao.account.CurrentUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Chooses the engine the settings name: the offline engine, or an LLM engine for an OpenAI-compatible server or
 * Ollama. The settings start from {@code application.properties}, are overridden by what the settings page saved,
 * and can be changed at runtime without a restart ({@link #update}); the engine is rebuilt only when they change.
 * They are the server's: with accounts on, only an admin changes them or tries other ones out (a connection test
 * sends the server's API key to whatever base URL it names).
 */
@Component
public class TranslationEngines {

    private static final Logger log = LoggerFactory.getLogger(TranslationEngines.class);

    private record Current(EngineSettings settings, TranslationEngine engine) {
    }

    private final OfflineTranslationEngine offline;
    private final LlmProperties base;
    private final EngineSettings defaults;
    private final SettingsStore store;
    private final CurrentUser currentUser;
    private final AtomicReference<Current> current = new AtomicReference<>();

    /**
     * @throws IllegalArgumentException when the provider is not one of {@code offline}, {@code openai}, {@code ollama}
     */
    public TranslationEngines(OfflineTranslationEngine offline, LlmProperties properties) {
        this(offline, properties, TranslationProperties.defaults(), null, null);
    }

    @Autowired
    TranslationEngines(OfflineTranslationEngine offline, LlmProperties properties, TranslationProperties translation,
                       SettingsStore store, CurrentUser currentUser) {
        this.offline = offline;
        this.currentUser = currentUser;
        this.base = properties;
        this.store = store;
        ChatModels.checkProvider(properties.provider());
        this.defaults = EngineSettings.of(properties, translation);
        EngineSettings settings = store == null ? defaults : store.load(defaults);
        current.set(new Current(settings, build(settings)));
        log.info("Translation engine: {} ({}, concurrency {}, {} tokens per request)", current().info().label(),
                settings.llm(base), settings.concurrency(), settings.batchTokens());
        if (store != null) {
            store.onChangeElsewhere(this::reload);
        }
    }

    /** Takes over what an admin saved on another instance on the same database (as {@link #update} does here). */
    private void reload() {
        EngineSettings settings = store.load(defaults);
        Current before = current.get();
        if (!settings.equals(before.settings())) {
            current.compareAndSet(before, new Current(settings, build(settings)));
            log.info("Translation engine switched on another instance to {} ({})", current().info().label(),
                    settings.llm(base));
        }
    }

    /** The engine for the current settings. */
    public TranslationEngine current() {
        return current.get().engine();
    }

    /** The current settings (without the key). */
    public EngineSettings settings() {
        return current.get().settings();
    }

    /** The settings of application.properties, before anything the settings page saved. */
    public EngineSettings defaults() {
        return defaults;
    }

    /** Whether an API key is set in the environment (the key itself is never shown). */
    public boolean hasApiKey() {
        return base.hasApiKey();
    }

    /** Whether the current user may change the engine settings or test others: an admin (anyone on a laptop). */
    public boolean canChange() {
        return currentUser == null || currentUser.isAdmin();
    }

    private void requireAdmin() {
        if (!canChange()) {
            throw new AccessDeniedException("Only an admin may change the translation engine settings.");
        }
    }

    /**
     * Switches to new settings at once and keeps them across restarts. Jobs already running finish as they were.
     *
     * @throws AccessDeniedException with accounts on, for anyone but an admin
     */
    public void update(EngineSettings settings) {
        requireAdmin();
        TranslationEngine engine = build(settings);
        if (store != null) {
            store.save(settings);
        }
        current.set(new Current(settings, engine));
        log.info("Translation engine switched to {} ({})", engine.info().label(), settings.llm(base));
    }

    /**
     * Goes back to application.properties.
     *
     * @throws AccessDeniedException with accounts on, for anyone but an admin
     */
    public void reset() {
        requireAdmin();
        if (store != null) {
            store.clear();
        }
        current.set(new Current(defaults, build(defaults)));
    }

    /**
     * Tries other settings out (one small request to the server they name) before saving them.
     *
     * @return a message for the user
     * @throws AccessDeniedException with accounts on, for anyone but an admin: the request carries the server's key
     */
    public String testConnection(EngineSettings settings) {
        requireAdmin();
        return build(settings).testConnection();
    }

    /**
     * Checks a model with a three-paragraph probe (see {@link TranslationEngine#check()}): the form's settings on
     * the settings page, or the current ones.
     *
     * @throws AccessDeniedException with accounts on, for anyone but an admin: the request carries the server's key
     */
    public ModelCheckReport check(EngineSettings settings) {
        requireAdmin();
        return (settings == null ? current() : build(settings)).check();
    }

    /** An engine for other settings (e.g. to test them before saving, or a run with another model). No network call. */
    public TranslationEngine forSettings(EngineSettings settings) {
        return build(settings);
    }

    /**
     * Builds an engine for other LLM settings with the current request settings. Building makes no network call.
     *
     * @throws IllegalArgumentException when the provider is not one of {@code offline}, {@code openai}, {@code ollama}
     */
    public TranslationEngine forSettings(LlmProperties properties) {
        String provider = ChatModels.checkProvider(properties.provider());
        if (ChatModels.OFFLINE.equals(provider)) {
            return offline;
        }
        return new LangChainTranslationEngine(properties, settings().translation());
    }

    private TranslationEngine build(EngineSettings settings) {
        if (ChatModels.OFFLINE.equals(settings.provider())) {
            return offline;
        }
        return new LangChainTranslationEngine(settings.llm(base), settings.translation());
    }
}
