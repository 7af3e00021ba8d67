package app.duizhao.translation;

import app.duizhao.sync.ChangeFeed;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the settings page's engine settings in the {@code app_setting} table, so they survive restarts. They are the
 * server's, shared by every user; only an admin changes them ({@link TranslationEngines#update}).
 */
@Component
class SettingsStore {

    private static final String PREFIX = "engine.";
    /** The change feed's topic: other instances load the settings again (the item id means nothing). */
    static final String TOPIC = "engine-settings";

    private final JdbcClient jdbc;
    private final ChangeFeed feed;

    SettingsStore(JdbcClient jdbc) {
        this(jdbc, null);
    }

    @Autowired
    SettingsStore(JdbcClient jdbc, ChangeFeed feed) {
        this.jdbc = jdbc;
        this.feed = feed;
    }

    /** Calls {@code reload} when another instance on the same database saved or cleared the settings. */
    void onChangeElsewhere(Runnable reload) {
        if (feed != null) {
            feed.subscribe(TOPIC, ids -> reload.run());
        }
    }

    private void published() {
        if (feed != null) {
            feed.publish(TOPIC, 0);
        }
    }

    /** The stored settings over {@code defaults}; the defaults where nothing (or something unreadable) is stored. */
    @Transactional(readOnly = true)
    EngineSettings load(EngineSettings defaults) {
        Map<String, String> v = new HashMap<>();
        jdbc.sql("select name, setting_value from app_setting where name like 'engine.%'")
                .query((rs, n) -> v.put(rs.getString(1).substring(PREFIX.length()), rs.getString(2))).list();
        if (v.isEmpty()) {
            return defaults;
        }
        try {
            return new EngineSettings(v.getOrDefault("provider", defaults.provider()),
                    v.containsKey("baseUrl") ? v.get("baseUrl") : defaults.baseUrl(),
                    v.containsKey("model") ? v.get("model") : defaults.model(),
                    v.containsKey("timeout") ? Duration.parse(v.get("timeout")) : defaults.timeout(),
                    v.containsKey("maxRetries") ? Integer.parseInt(v.get("maxRetries")) : defaults.maxRetries(),
                    v.containsKey("concurrency") ? Integer.parseInt(v.get("concurrency")) : defaults.concurrency(),
                    v.containsKey("batchTokens") ? Integer.parseInt(v.get("batchTokens")) : defaults.batchTokens(),
                    v.containsKey("summaryInChinese") ? Boolean.parseBoolean(v.get("summaryInChinese")) : defaults.summaryInChinese());
        } catch (RuntimeException unreadable) {
            return defaults;
        }
    }

    @Transactional
    void save(EngineSettings s) {
        put("provider", s.provider());
        put("baseUrl", s.baseUrl());
        put("model", s.model());
        put("timeout", s.timeout().toString());
        put("maxRetries", String.valueOf(s.maxRetries()));
        put("concurrency", String.valueOf(s.concurrency()));
        put("batchTokens", String.valueOf(s.batchTokens()));
        put("summaryInChinese", String.valueOf(s.summaryInChinese()));
        published();
    }

    /** Forgets the stored settings: application.properties applies again. */
    @Transactional
    void clear() {
        jdbc.sql("delete from app_setting where name like 'engine.%'").update();
        published();
    }

    private void put(String name, String value) {
        // UPDATE, then INSERT when there was no row: plain SQL that H2 and PostgreSQL both run (H2's MERGE ... KEY
        // is not PostgreSQL). Saving is rare and only an admin does it.
        if (jdbc.sql("update app_setting set setting_value = ? where name = ?").params(value, PREFIX + name)
                .update() == 0) {
            jdbc.sql("insert into app_setting (name, setting_value) values (?, ?)").params(PREFIX + name, value)
                    .update();
        }
    }
}
