package app.duizhao.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process fake LLM server speaking the OpenAI chat-completions API and the Ollama chat API, for tests.
 * Bound to 127.0.0.1 on a free port; daemon threads; {@link #close()} stops it.
 *
 * <p>By default it translates deterministically: for each {@code <segment id="n">text</segment>} of the last user
 * message it answers {@code <segment id="n">EN n: English for <first 8 chars of text></segment>}
 * ({@link FakeReply#translationOf}), and for a summary request a headline and three "- " points
 * ({@link FakeReply#summaryOf}); streamed in chunks of {@link #chunkSize(int)} characters.
 *
 * <pre>{@code
 * try (FakeLlmServer server = FakeLlmServer.start()) {
 *     // openai: base URL server.baseUrl()          -> http://127.0.0.1:PORT/v1
 *     // ollama: base URL server.ollamaBaseUrl()    -> http://127.0.0.1:PORT
 *     server.chunkDelay(Duration.ofMillis(20));        // slow streaming, e.g. for a UI test
 *     server.enqueue(FakeReply.error(500));            // misbehave on the next call only
 *     ...
 *     assertThat(server.chatRequests()).hasSize(2);
 * }
 * }</pre>
 */
public final class FakeLlmServer implements AutoCloseable {

    /** The API a chat call came through. */
    public enum Api { OPENAI, OLLAMA }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<FakeReply> queue = new ConcurrentLinkedDeque<>();
    private volatile FakeReply defaultReply = FakeReply.translation();
    private volatile int chunkSize = 4;
    private volatile Duration chunkDelay = Duration.ZERO;
    private volatile Duration firstByteLatency = Duration.ZERO;
    private volatile List<String> modelNames = List.of("fake-model");
    private volatile ProviderBehaviour behaviour = ProviderBehaviour.polite();
    private volatile FakeReply summaryReply;
    private final java.util.concurrent.Semaphore slot = new java.util.concurrent.Semaphore(1, true);
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();

    private FakeLlmServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-llm-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static FakeLlmServer start() {
        try {
            return new FakeLlmServer();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the fake LLM server", e);
        }
    }

    // ---------------------------------------------------------------- addresses

    public int port() {
        return server.getAddress().getPort();
    }

    /** The OpenAI-compatible base URL: {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** The Ollama base URL: {@code http://127.0.0.1:PORT}. */
    public String ollamaBaseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The base URL for the provider name {@code openai} or {@code ollama}. */
    public String baseUrl(String provider) {
        return "ollama".equalsIgnoreCase(provider) ? ollamaBaseUrl() : baseUrl();
    }

    // ---------------------------------------------------------------- behaviour

    /** Characters per streamed chunk (default 4). */
    public FakeLlmServer chunkSize(int chars) {
        this.chunkSize = Math.max(1, chars);
        return this;
    }

    /** Delay between streamed chunks (default none). */
    public FakeLlmServer chunkDelay(Duration delay) {
        this.chunkDelay = Objects.requireNonNull(delay);
        return this;
    }

    /** Delay before every chat response starts, headers included (default none). */
    public FakeLlmServer firstByteLatency(Duration delay) {
        this.firstByteLatency = Objects.requireNonNull(delay);
        return this;
    }

    /**
     * How the server behaves beyond the answer itself, as a real provider or server does (see
     * {@link ProviderBehaviour}: reasoning, output limits, Ollama's window, refusals, rejected parameters, one slot).
     */
    public FakeLlmServer behave(ProviderBehaviour behaviour) {
        this.behaviour = Objects.requireNonNull(behaviour);
        return this;
    }

    /**
     * Answers every summary call with this reply, never taking one from the queue (the summary runs beside the
     * translation, so which of them would take a queued reply first is a race); {@code null}: summaries take from the
     * queue like any call.
     */
    public FakeLlmServer summaryReply(FakeReply reply) {
        this.summaryReply = reply;
        return this;
    }

    /** The most chat calls the server was answering at the same time. */
    public int maxConcurrentChats() {
        return maxConcurrent.get();
    }

    /** The model names listed by {@code GET /v1/models} and {@code GET /api/tags} (default {@code fake-model}). */
    public FakeLlmServer modelNames(String... names) {
        this.modelNames = List.of(names);
        return this;
    }

    /** How chat calls are answered once the queue of {@link #enqueue} replies is empty. */
    public FakeLlmServer defaultReply(FakeReply reply) {
        this.defaultReply = Objects.requireNonNull(reply);
        return this;
    }

    /** Answers the next chat calls with these replies, one each, in order; then the default reply again. */
    public FakeLlmServer enqueue(FakeReply... replies) {
        queue.addAll(List.of(replies));
        return this;
    }

    /** Answers the next {@code times} chat calls with {@code reply}. */
    public FakeLlmServer enqueue(int times, FakeReply reply) {
        for (int i = 0; i < times; i++) {
            queue.add(reply);
        }
        return this;
    }

    /** Back to the defaults: no queued replies, the translator, no delays, chunks of 4; recorded requests cleared. */
    public void reset() {
        queue.clear();
        defaultReply = FakeReply.translation();
        chunkSize = 4;
        chunkDelay = Duration.ZERO;
        firstByteLatency = Duration.ZERO;
        modelNames = List.of("fake-model");
        behaviour = ProviderBehaviour.polite();
        summaryReply = null;
        maxConcurrent.set(0);
        requests.clear();
    }

    // ---------------------------------------------------------------- recordings

    /** Every request received, in order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The chat calls received, in order. */
    public List<RecordedRequest> chatRequests() {
        return requests.stream().filter(RecordedRequest::isChat).toList();
    }

    /** The last chat call received; fails if none. */
    public RecordedRequest lastChatRequest() {
        List<RecordedRequest> chats = chatRequests();
        if (chats.isEmpty()) {
            throw new IllegalStateException("The fake LLM server received no chat request");
        }
        return chats.getLast();
    }

    public void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            RecordedRequest recorded = new RecordedRequest(method, path, headers, body);
            requests.add(recorded);

            switch (method + " " + path) {
                case "POST /v1/chat/completions", "POST /chat/completions" -> chat(exchange, recorded, Api.OPENAI);
                case "POST /api/chat" -> chat(exchange, recorded, Api.OLLAMA);
                case "GET /v1/models", "GET /models" -> sendJson(exchange, 200, openAiModels());
                case "GET /api/tags" -> sendJson(exchange, 200, ollamaTags());
                case "GET /api/version" -> sendJson(exchange, 200, "{\"version\":\"0.6.0\"}");
                case "POST /api/show" -> sendJson(exchange, 200, behaviour.ollamaShow());
                default -> sendJson(exchange, 404, errorBody(Api.OPENAI, 404, "Unknown path " + path));
            }
            exchange.close();
        } catch (TruncatedStream e) {
            // Not closing the exchange, and rethrowing: the JDK server then drops the connection without ending
            // the chunked body, as a crashed server would.
            throw e;
        } catch (IOException e) {
            // The client went away (cancelled, timed out).
            exchange.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    private void chat(HttpExchange exchange, RecordedRequest recorded, Api api) throws IOException, InterruptedException {
        ProviderBehaviour b = behaviour;
        if (b.hasOneSlot()) {
            // Ollama's default (OLLAMA_NUM_PARALLEL=1): one request at a time; the others wait in its queue
            // without any answer, headers included, until the slot is free.
            slot.acquire();
            try {
                chatInSlot(exchange, recorded, api, b);
            } finally {
                slot.release();
            }
        } else {
            chatInSlot(exchange, recorded, api, b);
        }
    }

    private void chatInSlot(HttpExchange exchange, RecordedRequest recorded, Api api, ProviderBehaviour b)
            throws IOException, InterruptedException {
        int now = running.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        try {
            answerChat(exchange, recorded, api, b);
        } finally {
            running.decrementAndGet();
        }
    }

    private void answerChat(HttpExchange exchange, RecordedRequest recorded, Api api, ProviderBehaviour b)
            throws IOException, InterruptedException {
        ChatCall call = recorded.chatCall();
        FakeReply reply = summaryReply != null && call.isSummary() ? summaryReply : queue.poll();
        if (reply == null) {
            reply = defaultReply;
        }
        sleep(firstByteLatency);
        ProviderBehaviour.Rejection rejection = b.reject(api, recorded.body(), call);
        if (rejection != null) {
            sleep(reply.headerDelay());
            sendJson(exchange, rejection.status(), rejection.body());
            return;
        }
        sleep(reply.headerDelay());
        if (reply.isError()) {
            if (reply.retryAfterSeconds() != null) {
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(reply.retryAfterSeconds()));
            }
            String bearer = recorded.header("authorization");
            String message = reply.status() == 401
                    // Like some servers, echo the key: the client must scrub it.
                    ? "Incorrect API key provided: " + (bearer == null ? "(none)" : bearer.replaceFirst("(?i)^bearer\\s+", ""))
                    : "Fake error " + reply.status();
            sendJson(exchange, reply.status(), errorBody(api, reply.status(), message));
            return;
        }
        ProviderBehaviour.Window window = b.window(api, recorded.body(), call);
        String answer = Objects.requireNonNullElse(reply.answer(window.seen()), "");
        String reasoning = b.reasoning(api, recorded.body(), window.seen());
        if (reasoning != null && b.inlineReasoning()) {
            answer = (b.templateOpensThink() ? "" : "<think>") + reasoning + "</think>\n\n" + answer;
            reasoning = null;
        }
        String finishReason = reply.finishReason();
        int limit = b.outputLimit(api, recorded.body());
        int reasoningTokens = reasoning == null ? 0 : app.duizhao.translation.TokenEstimator.estimate(reasoning);
        if (reasoningTokens >= limit) {
            reasoning = ProviderBehaviour.cutToTokens(reasoning, limit);
            answer = "";
            finishReason = "length";
        } else if (app.duizhao.translation.TokenEstimator.estimate(answer) > limit - reasoningTokens) {
            // The provider stops at the output limit and says so: finish_reason "length" / done_reason "length".
            answer = ProviderBehaviour.cutToTokens(answer, limit - reasoningTokens);
            finishReason = "length";
        }
        if (!call.stream()) {
            sendJson(exchange, 200, api == Api.OPENAI ? openAiCompletion(call, answer) : ollamaCompletion(call, answer));
            return;
        }
        Duration delay = reply.chunkDelay() != null ? reply.chunkDelay() : chunkDelay;
        int cut = reply.cutAt(answer);
        String sent = cut >= 0 ? answer.substring(0, cut) : answer;

        exchange.getResponseHeaders().set("Content-Type", api == Api.OPENAI ? "text/event-stream" : "application/x-ndjson");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        String id = "chatcmpl-fake-" + THREADS.get();
        if (api == Api.OPENAI) {
            write(out, sse(openAiChunk(id, call, "{\"role\":\"assistant\",\"content\":\"\"}", null, null)));
        }
        int size = chunkSize;
        if (reasoning != null) {
            for (int r = 0; r < reasoning.length(); r += size) {
                String piece = reasoning.substring(r, Math.min(reasoning.length(), r + size));
                // DeepSeek (and vLLM's reasoning parsers) stream reasoning as delta.reasoning_content;
                // Ollama as message.thinking, with an empty message.content.
                write(out, api == Api.OPENAI
                        ? sse(openAiChunk(id, call, "{\"reasoning_content\":" + quote(piece) + "}", null, null))
                        : ollamaThinkingChunk(call, piece));
                sleep(delay);
            }
        }
        int i = 0;
        boolean first = true;
        while (i < sent.length()) {
            int end = Math.min(sent.length(), i + size);
            if (end < sent.length() && Character.isHighSurrogate(sent.charAt(end - 1))) {
                end++;
            }
            if (!first) {
                sleep(delay);
            }
            first = false;
            String piece = sent.substring(i, end);
            write(out, api == Api.OPENAI
                    ? sse(openAiChunk(id, call, "{\"content\":" + quote(piece) + "}", null, null))
                    : ollamaChunk(call, piece));
            i = end;
        }
        if (cut >= 0) {
            // Give the client time to read what was sent: the JDK client drops unread data when the connection fails.
            // 200 ms was once too short on a machine under heavy load; only the two truncation tests pay this.
            sleep(Duration.ofMillis(1000));
            throw new TruncatedStream();
        }
        int promptTokens = window.keptTokens() != null ? window.keptTokens()
                : Math.max(1, call.messages().stream()
                .mapToInt(m -> app.duizhao.translation.TokenEstimator.estimate(m.content()) + 4).sum());
        int completionTokens = Math.max(1, answer.length() / 4) + reasoningTokens;
        if (api == Api.OPENAI) {
            String usage = "{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens
                    + ",\"total_tokens\":" + (promptTokens + completionTokens) + "}";
            write(out, sse(openAiChunk(id, call, "{}", quote(finishReason), usage)));
            write(out, "data: [DONE]\n\n");
        } else {
            write(out, ollamaDone(call, promptTokens, completionTokens, finishReason));
        }
    }

    /** Thrown to cut a stream: the JDK server then closes the connection without the final empty chunk. */
    private static final class TruncatedStream extends RuntimeException {
        TruncatedStream() {
            super("stream cut on purpose", null, false, false);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sleep(Duration d) throws InterruptedException {
        if (d != null && !d.isZero() && !d.isNegative()) {
            Thread.sleep(d.toMillis());
        }
    }

    private static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    // ---------------------------------------------------------------- JSON

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sse(String json) {
        return "data: " + json + "\n\n";
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static String openAiChunk(String id, ChatCall call, String delta, String finishReason, String usage) {
        return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + now()
                + ",\"model\":" + quote(call.model()) + ",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"finish_reason\":" + (finishReason == null ? "null" : finishReason) + "}]"
                + (usage == null ? "" : ",\"usage\":" + usage) + "}";
    }

    private static String openAiCompletion(ChatCall call, String answer) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-fake");
        root.put("object", "chat.completion");
        root.put("created", now());
        root.put("model", call.model());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", answer);
        choice.put("finish_reason", "stop");
        int prompt = 10;
        int completion = Math.max(1, answer.length() / 4);
        root.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        return root.toString();
    }

    private static String ollamaChunk(ChatCall call, String piece) {
        ObjectNode line = JSON.createObjectNode();
        line.put("model", call.model());
        line.put("created_at", Instant.now().toString());
        line.putObject("message").put("role", "assistant").put("content", piece);
        line.put("done", false);
        return line + "\n";
    }

    private static String ollamaThinkingChunk(ChatCall call, String piece) {
        ObjectNode line = JSON.createObjectNode();
        line.put("model", call.model());
        line.put("created_at", Instant.now().toString());
        line.putObject("message").put("role", "assistant").put("content", "").put("thinking", piece);
        line.put("done", false);
        return line + "\n";
    }

    private static String ollamaDone(ChatCall call, int promptTokens, int completionTokens, String doneReason) {
        ObjectNode line = JSON.createObjectNode();
        line.put("model", call.model());
        line.put("created_at", Instant.now().toString());
        line.putObject("message").put("role", "assistant").put("content", "");
        line.put("done", true);
        line.put("done_reason", doneReason);
        line.put("total_duration", 1_000_000L);
        line.put("prompt_eval_count", promptTokens);
        line.put("eval_count", completionTokens);
        return line + "\n";
    }

    private static String ollamaCompletion(ChatCall call, String answer) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", call.model());
        root.put("created_at", Instant.now().toString());
        root.putObject("message").put("role", "assistant").put("content", answer);
        root.put("done", true);
        root.put("done_reason", "stop");
        root.put("total_duration", 1_000_000L);
        root.put("prompt_eval_count", 10);
        root.put("eval_count", Math.max(1, answer.length() / 4));
        return root.toString();
    }

    private static String errorBody(Api api, int status, String message) {
        ObjectNode root = JSON.createObjectNode();
        if (api == Api.OLLAMA) {
            root.put("error", message);
        } else {
            ObjectNode error = root.putObject("error");
            error.put("message", message);
            error.put("type", status == 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error");
            error.put("code", status == 401 ? "invalid_api_key" : String.valueOf(status));
        }
        return root.toString();
    }

    private String openAiModels() {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (String name : modelNames) {
            data.addObject().put("id", name).put("object", "model").put("created", now()).put("owned_by", "fake");
        }
        return root.toString();
    }

    private String ollamaTags() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode models = root.putArray("models");
        for (String name : modelNames) {
            String full = name.contains(":") ? name : name + ":latest";
            ObjectNode m = models.addObject();
            m.put("name", full).put("model", full).put("modified_at", Instant.now().toString())
                    .put("size", 1_000_000L).put("digest", "0".repeat(64));
            m.putObject("details").put("format", "gguf").put("family", "fake")
                    .put("parameter_size", "1B").put("quantization_level", "Q4_0");
        }
        return root.toString();
    }

    /** For diagnostics: a short description of the recorded requests. */
    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        requests.forEach(r -> lines.add(r.method() + " " + r.path()));
        return "FakeLlmServer[" + baseUrl() + ", requests=" + lines + "]";
    }
}
