package app.duizhao.translation;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/llm/check}: the model check of the settings page's "Test connection" over HTTP. Without a body it
 * checks the current settings; {@code {"provider","baseUrl","model"}} checks others (blank fields: the current
 * ones). Admins only with accounts on (the probe carries the server's API key). Answers the
 * {@link ModelCheckReport}; a server that cannot be used answers {@code "ok": false} with the reason.
 */
@RestController
class LlmCheckController {

    /** Optional body: the model to check. */
    record CheckBody(String provider, String baseUrl, String model) {
    }

    private final TranslationEngines engines;

    LlmCheckController(TranslationEngines engines) {
        this.engines = engines;
    }

    @PostMapping("/api/llm/check")
    ModelCheckReport check(@RequestBody(required = false) CheckBody body) {
        if (body == null || (blank(body.provider()) && blank(body.baseUrl()) && blank(body.model()))) {
            return engines.check(null);
        }
        EngineSettings now = engines.settings();
        boolean sameProvider = blank(body.provider()) || body.provider().equalsIgnoreCase(now.provider());
        EngineSettings other = new EngineSettings(sameProvider ? now.provider() : body.provider(),
                blank(body.baseUrl()) ? (sameProvider ? now.baseUrl() : null) : body.baseUrl(),
                blank(body.model()) ? (sameProvider ? now.model() : null) : body.model(),
                now.timeout(), now.maxRetries(), now.concurrency(), now.batchTokens(), now.summaryInChinese());
        return engines.check(other);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
