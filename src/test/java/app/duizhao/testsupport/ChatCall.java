package app.duizhao.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed chat call (OpenAI {@code /chat/completions} or Ollama {@code /api/chat}): what a {@link FakeReply}
 * responder gets to compute its answer from.
 *
 * @param api      which API the call came through
 * @param model    the model name asked for
 * @param stream   whether a streamed answer was asked for
 * @param messages the messages, in order
 */
public record ChatCall(FakeLlmServer.Api api, String model, boolean stream, List<Message> messages) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEGMENT = Pattern.compile("<segment id=\"(\\d+)\">(.*?)</segment>", Pattern.DOTALL);
    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);
    private static final Pattern PARAGRAPH = Pattern.compile("<paragraph>(.*?)</paragraph>", Pattern.DOTALL);

    /** One chat message: {@code role} is {@code system}, {@code user} or {@code assistant}. */
    public record Message(String role, String content) {
    }

    public ChatCall {
        messages = List.copyOf(messages);
    }

    static ChatCall parse(String path, String body) {
        try {
            JsonNode root = JSON.readTree(body);
            FakeLlmServer.Api api = path.startsWith("/api/") ? FakeLlmServer.Api.OLLAMA : FakeLlmServer.Api.OPENAI;
            List<Message> messages = new ArrayList<>();
            for (JsonNode m : root.path("messages")) {
                JsonNode content = m.path("content");
                String text;
                if (content.isArray()) { // OpenAI content parts
                    StringBuilder sb = new StringBuilder();
                    content.forEach(part -> sb.append(part.path("text").asText("")));
                    text = sb.toString();
                } else {
                    text = content.asText("");
                }
                messages.add(new Message(m.path("role").asText(""), text));
            }
            boolean stream = api == FakeLlmServer.Api.OLLAMA
                    ? !root.has("stream") || root.path("stream").asBoolean(true)
                    : root.path("stream").asBoolean(false);
            return new ChatCall(api, root.path("model").asText(""), stream, messages);
        } catch (IOException e) {
            throw new UncheckedIOException("Not a chat request body: " + body, e);
        }
    }

    /** The system prompt ({@code ""} if none). */
    public String systemPrompt() {
        return messages.stream().filter(m -> m.role().equals("system")).map(Message::content).findFirst().orElse("");
    }

    /** The last user message ({@code ""} if none). */
    public String lastUserMessage() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    /** The {@code <segment id="n">…</segment>} blocks of the last user message: id → text as sent (still escaped). */
    public Map<Integer, String> rawSegments() {
        Map<Integer, String> segments = new LinkedHashMap<>();
        Matcher m = SEGMENT.matcher(lastUserMessage());
        while (m.find()) {
            segments.putIfAbsent(Integer.parseInt(m.group(1)), m.group(2));
        }
        return Collections.unmodifiableMap(segments);
    }

    /** Like {@link #rawSegments()} with {@code &amp;}, {@code &lt;}, {@code &gt;} decoded: the article's text. */
    public Map<Integer, String> segments() {
        Map<Integer, String> segments = new LinkedHashMap<>();
        rawSegments().forEach((id, text) -> segments.put(id, unescape(text)));
        return Collections.unmodifiableMap(segments);
    }

    /** The ids asked for, in order. */
    public List<Integer> segmentIds() {
        return List.copyOf(rawSegments().keySet());
    }

    /** Whether this asks for a summary rather than a translation (no segments, and the prompts speak of summaries). */
    public boolean isSummary() {
        return rawSegments().isEmpty()
                && (systemPrompt().toLowerCase().contains("summar") || lastUserMessage().toLowerCase().contains("summar"));
    }

    /** The article title from {@code <title>…</title>} in the last user message, or {@code ""}. */
    public String title() {
        Matcher m = TITLE.matcher(lastUserMessage());
        return m.find() ? unescape(m.group(1).strip()) : "";
    }

    /** The {@code <paragraph>} blocks of a summary request (decoded). */
    public List<String> paragraphs() {
        List<String> paragraphs = new ArrayList<>();
        Matcher m = PARAGRAPH.matcher(lastUserMessage());
        while (m.find()) {
            paragraphs.add(unescape(m.group(1)));
        }
        return paragraphs;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
