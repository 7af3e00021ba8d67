package app.duizhao.testsupport;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FakeLlmServerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final String USER = "<segment id=\\\"4\\\">你好 &amp; 再见</segment>";

    @Test
    void itAnswersOpenAiChatCallsWithAndWithoutStreaming() throws Exception {
        try (FakeLlmServer server = FakeLlmServer.start()) {
            String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + USER + "\"}]";

            HttpResponse<String> plain = post(server.baseUrl() + "/chat/completions", body + "}");
            HttpResponse<String> streamed = post(server.baseUrl() + "/chat/completions", body + ",\"stream\":true}");

            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(plain.body()).contains("\"object\":\"chat.completion\"", "EN 4: English for 你好 &amp; 再见", "\"usage\"");
            assertThat(streamed.headers().firstValue("content-type")).hasValue("text/event-stream");
            assertThat(streamed.body()).startsWith("data: {").contains("chat.completion.chunk", "\"finish_reason\":\"stop\"")
                    .endsWith("data: [DONE]\n\n");
            assertThat(server.chatRequests()).hasSize(2);
            assertThat(server.chatRequests().getFirst().chatCall().segments()).containsEntry(4, "你好 & 再见");
        }
    }

    @Test
    void itAnswersOllamaChatCallsAndListings() throws Exception {
        try (FakeLlmServer server = FakeLlmServer.start().modelNames("qwen2.5:7b")) {
            String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + USER + "\"}]";

            HttpResponse<String> streamed = post(server.ollamaBaseUrl() + "/api/chat", body + "}");
            HttpResponse<String> plain = post(server.ollamaBaseUrl() + "/api/chat", body + ",\"stream\":false}");

            assertThat(streamed.body().lines().toList()).hasSizeGreaterThan(2).last().asString()
                    .contains("\"done\":true", "\"done_reason\":\"stop\"", "\"eval_count\"");
            assertThat(plain.body()).contains("\"done\":true", "EN 4:");
            assertThat(get(server.ollamaBaseUrl() + "/api/tags").body()).contains("qwen2.5:7b");
            assertThat(get(server.ollamaBaseUrl() + "/api/version").body()).contains("version");
            assertThat(get(server.baseUrl() + "/models").body()).contains("\"id\":\"qwen2.5:7b\"");
        }
    }

    @Test
    void queuedRepliesAreUsedOnceThenTheDefaultAgain() throws Exception {
        try (FakeLlmServer server = FakeLlmServer.start()) {
            server.enqueue(FakeReply.error(429).retryAfter(3)).enqueue(FakeReply.text("hello"));
            String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + USER + "\"}]}";

            HttpResponse<String> limited = post(server.baseUrl() + "/chat/completions", body);
            HttpResponse<String> fixed = post(server.baseUrl() + "/chat/completions", body);
            HttpResponse<String> normal = post(server.baseUrl() + "/chat/completions", body);

            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("retry-after")).hasValue("3");
            assertThat(fixed.body()).contains("\"content\":\"hello\"");
            assertThat(normal.body()).contains("EN 4:");
        }
    }
}
