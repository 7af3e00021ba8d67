package app.duizhao.translation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.UnresolvedModelServerException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * What went wrong in an LLM call, in words: a plain message for any user ("the translation service failed (HTTP
 * 500)"), the same with the server's address and its own error text for admins and the log, and what kind of fault
 * it was (worth a retry, a refusal of the text, a parameter the model rejects, or fatal). API keys are scrubbed.
 */
final class LlmFailures {

    /** What kind of fault an error is. */
    enum Kind {
        /** Worth trying again: 408, 429, 5xx, a broken connection. */
        TRANSIENT,
        /** The provider refused this request's text (400, a content filter, a prompt too long): split and retry. */
        REFUSED,
        /** Nothing will work until the settings change: a bad key, an unknown model, no server, a timeout. */
        FATAL
    }

    /** Our own guard fired: no token within the time limit. */
    static final class StalledException extends RuntimeException {
        StalledException(String what) {
            super(what, null, false, false);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(408, "Request Timeout"), Map.entry(413, "Payload Too Large"),
            Map.entry(422, "Unprocessable Entity"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private final String provider;
    private final String baseUrl;
    private final String model;
    private final String apiKey;
    private final Duration firstTokenTimeout;
    private final Duration timeout;

    LlmFailures(String provider, String baseUrl, String model, String apiKey, Duration firstTokenTimeout,
                Duration timeout) {
        this.provider = provider;
        this.baseUrl = baseUrl;
        this.model = model;
        this.apiKey = apiKey;
        this.firstTokenTimeout = firstTokenTimeout;
        this.timeout = timeout;
    }

    static <T extends Throwable> T find(Throwable error, Class<T> type) {
        Set<Throwable> seen = new LinkedHashSet<>();
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static Integer status(Throwable error) {
        HttpException http = find(error, HttpException.class);
        return http == null ? null : http.statusCode();
    }

    static boolean isTimeout(Throwable error) {
        return find(error, StalledException.class) != null
                || (find(error, HttpTimeoutException.class) != null && find(error, HttpConnectTimeoutException.class) == null)
                || find(error, dev.langchain4j.exception.TimeoutException.class) != null
                || find(error, TimeoutException.class) != null;
    }

    private static boolean isUnreachable(Throwable error) {
        return find(error, ConnectException.class) != null || find(error, HttpConnectTimeoutException.class) != null
                || find(error, UnresolvedAddressException.class) != null || find(error, UnknownHostException.class) != null
                || find(error, UnresolvedModelServerException.class) != null;
    }

    static Kind kind(Throwable error) {
        Integer status = status(error);
        if (status != null) {
            if (status == 408 || status == 429 || status >= 500) {
                return Kind.TRANSIENT;
            }
            return status == 400 || status == 413 || status == 422 ? Kind.REFUSED : Kind.FATAL;
        }
        if (isTimeout(error)) {
            return Kind.FATAL; // a slow server stays slow: retrying would only multiply the wait
        }
        return isUnreachable(error) || find(error, IOException.class) != null ? Kind.TRANSIENT : Kind.FATAL;
    }

    static boolean isRetryable(Throwable error) {
        return kind(error) == Kind.TRANSIENT;
    }

    /**
     * The provider's own error text from an HTTP error body: OpenAI-style {@code {"error":{"message":…}}}, Ollama's
     * {@code {"error":"…"}}, or the body itself; {@code null} without one.
     */
    static String providerMessage(Throwable error) {
        HttpException http = find(error, HttpException.class);
        if (http == null || http.getMessage() == null || http.getMessage().isBlank()) {
            return null;
        }
        String body = http.getMessage().strip();
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode e = root.path("error");
            if (e.isTextual()) {
                return e.asText();
            }
            if (e.path("message").isTextual()) {
                return e.path("message").asText();
            }
            if (root.path("message").isTextual()) {
                return root.path("message").asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // plain text
        }
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    /** The {@code param} an OpenAI-style 400 names, or {@code null}. */
    static String rejectedParam(Throwable error) {
        HttpException http = find(error, HttpException.class);
        if (http == null || http.getMessage() == null) {
            return null;
        }
        try {
            JsonNode param = JSON.readTree(http.getMessage()).path("error").path("param");
            return param.isTextual() ? param.asText() : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    /** A failure for the user, with the details for admins; logged. */
    TranslationException failure(Throwable error) {
        return new TranslationException(plain(error), describe(error), new RuntimeException(scrub(String.valueOf(error))));
    }

    /** For any user: what happened, without addresses. */
    String plain(Throwable error) {
        Integer status = status(error);
        String admin = " An administrator can see the details in the log.";
        if (status != null) {
            return scrub(switch (status) {
                case 401, 403 -> "The translation service refused the credentials (HTTP " + status + ")." + admin;
                case 404 -> "The translation service does not know the model \"" + model + "\" (HTTP 404)." + admin;
                case 429 -> "The translation service is limiting requests (HTTP 429); try again later.";
                case 400, 413, 422 -> "The translation service refused the request (HTTP " + status + ")"
                        + quoted(providerMessage(error)) + ".";
                default -> "The translation service failed (HTTP " + status + ")." + admin;
            });
        }
        if (isTimeout(error)) {
            return "The translation service did not answer in time." + admin;
        }
        if (isUnreachable(error)) {
            return "The translation service could not be reached." + admin;
        }
        return "The connection to the translation service broke off." + admin;
    }

    /** A message for admins that names the cause and the server, never the API key. */
    String describe(Throwable error) {
        HttpException http = find(error, HttpException.class);
        if (http != null) {
            int status = http.statusCode();
            String answered = "The LLM server at " + baseUrl + " answered " + status
                    + (REASONS.containsKey(status) ? " " + REASONS.get(status) : "");
            return scrub(switch (status) {
                case 401, 403 -> answered + ": check " + ("ollama".equals(provider) ? "the API key" : "OPENAI_API_KEY") + ".";
                case 404 -> answered + ": check the model name \"" + model + "\" and the base URL.";
                case 429 -> answered + ": the server is rate-limiting requests; try again later.";
                default -> status >= 500 ? answered + "." : answered + detail(providerMessage(error));
            });
        }
        if (isTimeout(error)) {
            StalledException stalled = find(error, StalledException.class);
            Duration limit = stalled != null && stalled.getMessage().contains("first") ? firstTokenTimeout : timeout;
            return "The LLM server at " + baseUrl + " did not answer within " + human(limit) + ".";
        }
        if (find(error, ConnectException.class) != null) {
            return "Could not reach the LLM server at " + baseUrl + " (connection refused).";
        }
        if (isUnreachable(error)) {
            return "Could not reach the LLM server at " + baseUrl + " (unknown host or no connection).";
        }
        if (find(error, IOException.class) != null) {
            return scrub("The connection to the LLM server at " + baseUrl + " broke off" + detail(find(error, IOException.class).getMessage()));
        }
        return scrub("The LLM server at " + baseUrl + " failed" + detail(error.getMessage()));
    }

    private String quoted(String providerMessage) {
        if (providerMessage == null || providerMessage.isBlank()) {
            return "";
        }
        String m = scrub(providerMessage.strip().replaceAll("\\s+", " "));
        return ": \"" + (m.length() > 200 ? m.substring(0, 200) + "…" : m) + "\"";
    }

    private String detail(String message) {
        if (message == null || message.isBlank()) {
            return ".";
        }
        String m = scrub(message.strip().replaceAll("\\s+", " "));
        return ": " + (m.length() > 200 ? m.substring(0, 200) + "…" : m) + (m.endsWith(".") ? "" : ".");
    }

    String scrub(String text) {
        if (text == null || apiKey == null || apiKey.isEmpty()) {
            return text;
        }
        return text.replace(apiKey, "***");
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms % 1000 == 0 && ms < 120_000) {
            return ms / 1000 + " s";
        }
        if (ms < 120_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return (ms / 60_000) + " min" + (ms % 60_000 >= 1000 ? " " + (ms % 60_000) / 1000 + " s" : "");
    }
}
