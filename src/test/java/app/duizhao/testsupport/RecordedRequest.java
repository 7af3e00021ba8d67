package app.duizhao.testsupport;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request the {@link FakeLlmServer} received.
 *
 * @param method  {@code GET} or {@code POST}
 * @param path    the path, e.g. {@code /v1/chat/completions} or {@code /api/chat}
 * @param headers the headers, names in lower case
 * @param body    the body as text (JSON for chat calls), empty for GET
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header (case-insensitive name), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** Whether this is a chat call ({@code /v1/chat/completions} or {@code /api/chat}). */
    public boolean isChat() {
        return path.endsWith("/chat/completions") || path.equals("/api/chat");
    }

    /** The chat call this request carries (parsed body), for chat requests. */
    public ChatCall chatCall() {
        return ChatCall.parse(path, body);
    }
}
