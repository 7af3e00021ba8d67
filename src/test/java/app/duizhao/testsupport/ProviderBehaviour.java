package app.duizhao.testsupport;

import app.duizhao.translation.TokenEstimator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the {@link FakeLlmServer} behaves as one real provider or server does, beyond the answer text. Immutable;
 * each {@code with…} method documents the behaviour it adds and which provider documents it. Token counts use
 * {@link TokenEstimator} as the server's "tokenizer".
 *
 * <pre>{@code
 * server.behave(ProviderBehaviour.polite().reasoningApart());          // DeepSeek-reasoner / Ollama thinking model
 * server.behave(ProviderBehaviour.polite().outputLimit(300));          // an answer cut with finish_reason "length"
 * server.behave(ProviderBehaviour.polite().refusing("敏感"));           // DeepSeek's 400 "Content Exists Risk"
 * }</pre>
 */
public final class ProviderBehaviour {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The reasoning modes. */
    enum Reasoning { NONE, APART, INLINE, INLINE_TEMPLATE_OPENED }

    private Reasoning reasoning = Reasoning.NONE;
    private boolean thinkingCapable;
    private Integer outputLimit;
    private Integer ollamaDefaultContext;
    private Integer ollamaModelContext;
    private String refuseWord;
    private boolean rejectTemperature;
    private boolean rejectMaxTokens;
    private boolean oneSlot;

    private ProviderBehaviour() {
    }

    private ProviderBehaviour copy() {
        ProviderBehaviour b = new ProviderBehaviour();
        b.reasoning = reasoning;
        b.thinkingCapable = thinkingCapable;
        b.outputLimit = outputLimit;
        b.ollamaDefaultContext = ollamaDefaultContext;
        b.ollamaModelContext = ollamaModelContext;
        b.refuseWord = refuseWord;
        b.rejectTemperature = rejectTemperature;
        b.rejectMaxTokens = rejectMaxTokens;
        b.oneSlot = oneSlot;
        return b;
    }

    /** An instruction model that takes every parameter, no limits, any number of requests at once. */
    public static ProviderBehaviour polite() {
        return new ProviderBehaviour();
    }

    // ---------------------------------------------------------------- reasoning

    /**
     * A reasoning model whose server sends the thinking apart from the answer. DeepSeek's API documents
     * {@code reasoning_content} beside {@code content} in each streamed delta (deepseek-reasoner), as vLLM does
     * with a reasoning parser; Ollama documents {@code message.thinking} in each streamed line for thinking models,
     * and {@code "think": false} switches it off (only for models whose {@code /api/show} capabilities list
     * "thinking"; others answer 400 "does not support thinking"). The reasoning holds drafts of the segments,
     * which must never be taken as the answer.
     */
    public ProviderBehaviour reasoningApart() {
        ProviderBehaviour b = copy();
        b.reasoning = Reasoning.APART;
        b.thinkingCapable = true;
        return b;
    }

    /**
     * A reasoning model whose server writes the thinking into the content as {@code <think>…</think>}: vLLM without
     * {@code --reasoning-parser}, the llama.cpp server with {@code --reasoning-format none}, LM Studio, and Ollama
     * releases before thinking support (0.9).
     */
    public ProviderBehaviour reasoningInline() {
        ProviderBehaviour b = copy();
        b.reasoning = Reasoning.INLINE;
        return b;
    }

    /**
     * Like {@link #reasoningInline()}, but the chat template wrote the opening {@code <think>} into the prompt
     * (DeepSeek-R1's template does), so the content starts with the reasoning and only the closing tag appears.
     */
    public ProviderBehaviour reasoningInlineTemplateOpened() {
        ProviderBehaviour b = copy();
        b.reasoning = Reasoning.INLINE_TEMPLATE_OPENED;
        return b;
    }

    boolean inlineReasoning() {
        return reasoning == Reasoning.INLINE || reasoning == Reasoning.INLINE_TEMPLATE_OPENED;
    }

    boolean templateOpensThink() {
        return reasoning == Reasoning.INLINE_TEMPLATE_OPENED;
    }

    /** The reasoning for this call (drafts of its segments), or {@code null}: none, or thinking switched off. */
    String reasoning(FakeLlmServer.Api api, String body, ChatCall call) {
        if (reasoning == Reasoning.NONE) {
            return null;
        }
        JsonNode root = json(body);
        if (api == FakeLlmServer.Api.OLLAMA && root.has("think") && !root.path("think").asBoolean(true)) {
            return null; // Ollama: "think": false
        }
        if (api == FakeLlmServer.Api.OPENAI && "low".equals(root.path("reasoning_effort").asText(""))
                && reasoning == Reasoning.APART) {
            return "Short."; // little reasoning at low effort
        }
        String drafts = call.segments().entrySet().stream()
                .map(e -> "<segment id=\"" + e.getKey() + "\">DRAFT " + e.getKey() + " not final</segment>")
                .collect(Collectors.joining("\n"));
        return "Okay, the user wants these paragraphs in English. Let me draft them first.\n" + drafts
                + "\nNow I will check the drafts and write the final answer.";
    }

    /** Ollama's {@code /api/show} answer: capabilities list "thinking" for a thinking model. */
    String ollamaShow() {
        return "{\"capabilities\":[\"completion\"" + (thinkingCapable ? ",\"thinking\"" : "") + "],"
                + "\"details\":{\"family\":\"fake\"},\"model_info\":{\"fake.context_length\":32768}}";
    }

    // ---------------------------------------------------------------- output limit

    /**
     * The output limit: the server stops an answer at {@code max_tokens} / {@code max_completion_tokens} (OpenAI,
     * DeepSeek, vLLM, llama.cpp) or {@code options.num_predict} (Ollama), or at its own {@code defaultTokens} when
     * the request names none (DeepSeek documents a default of 4096 for deepseek-chat), and says so with
     * {@code finish_reason: "length"} (OpenAI-compatible) or {@code done_reason: "length"} (Ollama). Reasoning tokens
     * count against the limit (OpenAI documents that reasoning tokens are part of max_completion_tokens).
     */
    public ProviderBehaviour outputLimit(int defaultTokens) {
        ProviderBehaviour b = copy();
        b.outputLimit = defaultTokens;
        return b;
    }

    /** The output limit of this call: the request's own, or the default when set, else unlimited. */
    int outputLimit(FakeLlmServer.Api api, String body) {
        JsonNode root = json(body);
        JsonNode asked = api == FakeLlmServer.Api.OLLAMA ? root.path("options").path("num_predict")
                : root.has("max_completion_tokens") ? root.path("max_completion_tokens") : root.path("max_tokens");
        if (asked.isNumber() && asked.asInt() > 0) {
            return outputLimit == null ? asked.asInt() : Math.min(asked.asInt(), Math.max(outputLimit, 1));
        }
        return outputLimit == null ? Integer.MAX_VALUE : outputLimit;
    }

    static String cutToTokens(String text, int tokens) {
        if (tokens <= 0) {
            return "";
        }
        int end = 0;
        while (end < text.length() && TokenEstimator.estimate(text.substring(0, end)) < tokens) {
            end = text.offsetByCodePoints(end, 1);
        }
        return text.substring(0, end);
    }

    // ---------------------------------------------------------------- Ollama's window

    /**
     * Ollama's context window: {@code options.num_ctx}, else {@code defaultContext} (4096 in current releases, 2048
     * in older ones), at most the model's own {@code modelContext}. A prompt longer than the window is cut silently,
     * keeping only its last {@code num_ctx/2} tokens (the system prompt and the first segments are lost), and
     * {@code prompt_eval_count} reports the tokens kept, {@code num_ctx/2 + 2} (ollama/ollama#17427). The model then
     * answers what it saw: the segments it lost come back invented.
     */
    public ProviderBehaviour ollamaWindow(int defaultContext, int modelContext) {
        ProviderBehaviour b = copy();
        b.ollamaDefaultContext = defaultContext;
        b.ollamaModelContext = modelContext;
        return b;
    }

    /** What the model saw of a call and how many prompt tokens it kept ({@code null}: no window simulated). */
    record Window(ChatCall seen, Integer keptTokens) {
    }

    Window window(FakeLlmServer.Api api, String body, ChatCall call) {
        if (api != FakeLlmServer.Api.OLLAMA || ollamaDefaultContext == null) {
            return new Window(call, null);
        }
        JsonNode ctx = json(body).path("options").path("num_ctx");
        int window = Math.min(ctx.isNumber() ? ctx.asInt() : ollamaDefaultContext, ollamaModelContext);
        int prompt = call.messages().stream().mapToInt(m -> TokenEstimator.estimate(m.content()) + 4).sum();
        if (prompt <= window) {
            return new Window(call, prompt);
        }
        int keep = window / 2;
        String user = call.lastUserMessage();
        String tail = user;
        while (TokenEstimator.estimate(tail) > keep && tail.length() > 1) {
            tail = tail.substring(Math.max(1, tail.length() / 20));
        }
        // The segments wholly lost are answered as the model imagines them: invented, from the visible tail.
        Map<Integer, String> lost = new LinkedHashMap<>(call.rawSegments());
        ChatCall seen = new ChatCall(call.api(), call.model(), call.stream(),
                java.util.List.of(new ChatCall.Message("user", tail)));
        seen.rawSegments().keySet().forEach(lost::remove);
        StringBuilder invented = new StringBuilder();
        lost.keySet().forEach(id -> invented.append("<segment id=\"").append(id)
                .append("\">The economy grew strongly, officials said, in an invented sentence.</segment>\n"));
        ChatCall asSeen = new ChatCall(call.api(), call.model(), call.stream(),
                java.util.List.of(new ChatCall.Message("user", invented + tail)));
        return new Window(asSeen, keep + 2);
    }

    // ---------------------------------------------------------------- refusals and rejected parameters

    /**
     * Refuses any call whose text contains {@code word} with HTTP 400, as DeepSeek's API does for input it will not
     * process: {@code {"error":{"message":"Content Exists Risk","type":"invalid_request_error",…}}}; Ollama-style
     * servers answer {@code {"error":"…"}}.
     */
    public ProviderBehaviour refusing(String word) {
        ProviderBehaviour b = copy();
        b.refuseWord = word;
        return b;
    }

    /**
     * A model that takes only its default temperature: OpenAI's o-series and gpt-5 answer 400
     * {@code {"error":{"message":"Unsupported value: 'temperature' does not support 0.2 with this model. Only the
     * default (1) value is supported.","type":"invalid_request_error","param":"temperature","code":"unsupported_value"}}}.
     */
    public ProviderBehaviour rejectingTemperature() {
        ProviderBehaviour b = copy();
        b.rejectTemperature = true;
        return b;
    }

    /**
     * A model that wants {@code max_completion_tokens}: OpenAI's reasoning models answer 400
     * {@code {"error":{"message":"Unsupported parameter: 'max_tokens' is not supported with this model. Use
     * 'max_completion_tokens' instead.","type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}}}.
     */
    public ProviderBehaviour rejectingMaxTokens() {
        ProviderBehaviour b = copy();
        b.rejectMaxTokens = true;
        return b;
    }

    /** An HTTP error answer. */
    record Rejection(int status, String body) {
    }

    Rejection reject(FakeLlmServer.Api api, String body, ChatCall call) {
        JsonNode root = json(body);
        if (rejectTemperature && api == FakeLlmServer.Api.OPENAI && root.has("temperature")
                && root.path("temperature").asDouble() != 1.0) {
            return openAiError("Unsupported value: 'temperature' does not support " + root.path("temperature").asText()
                    + " with this model. Only the default (1) value is supported.", "temperature", "unsupported_value");
        }
        if (rejectMaxTokens && api == FakeLlmServer.Api.OPENAI && root.has("max_tokens")) {
            return openAiError("Unsupported parameter: 'max_tokens' is not supported with this model. Use "
                    + "'max_completion_tokens' instead.", "max_tokens", "unsupported_parameter");
        }
        if (api == FakeLlmServer.Api.OLLAMA && root.has("think") && !thinkingCapable) {
            ObjectNode error = JSON.createObjectNode();
            error.put("error", "\"" + call.model() + "\" does not support thinking");
            return new Rejection(400, error.toString());
        }
        if (refuseWord != null && call.lastUserMessage().contains(refuseWord)) {
            if (api == FakeLlmServer.Api.OLLAMA) {
                ObjectNode error = JSON.createObjectNode();
                error.put("error", "Content Exists Risk");
                return new Rejection(400, error.toString());
            }
            return openAiError("Content Exists Risk", null, "invalid_request_error");
        }
        return null;
    }

    private static Rejection openAiError(String message, String param, String code) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", "invalid_request_error");
        if (param == null) {
            error.putNull("param");
        } else {
            error.put("param", param);
        }
        error.put("code", code);
        return new Rejection(400, root.toString());
    }

    // ---------------------------------------------------------------- one slot

    /**
     * One request at a time, the others queued without an answer (not even headers) until the slot is free:
     * Ollama's default ({@code OLLAMA_NUM_PARALLEL=1} on most machines), the llama.cpp server with one slot.
     */
    public ProviderBehaviour oneSlot() {
        ProviderBehaviour b = copy();
        b.oneSlot = true;
        return b;
    }

    boolean hasOneSlot() {
        return oneSlot;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
