package app.duizhao.translation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sends a three-paragraph probe through the {@link LlmGateway}, as a translation would, and says in plain words what
 * the model does: follows the segment format or not, thinks or not, the context window and output limit in use,
 * whether it took the temperature, and which settings fit it.
 */
final class ModelCheck {

    static final List<Segment> PROBE = List.of(
            new Segment(1, "国家统计局今天公布，今年前三季度国内生产总值同比增长百分之五。"),
            new Segment(2, "分析人士认为，消费和出口仍是推动经济增长的主要动力。"),
            new Segment(3, "专家预计，第四季度经济将保持稳定。"));

    private final LlmGateway gateway;

    ModelCheck(LlmGateway gateway) {
        this.gateway = gateway;
    }

    ModelCheckReport run() {
        EngineInfo info = gateway.info();
        TranslationRequest request = new TranslationRequest(new ArticleContext("模型检查", "Duizhao", null), PROBE);
        String system = PromptTemplates.translateSystem(Direction.ZH_TO_EN);
        String user = PromptTemplates.translateUser(request.context(), PROBE, Direction.ZH_TO_EN, List.of());
        long start = System.nanoTime();
        LlmGateway.Answer answer = gateway.call(new LlmGateway.Request("check", system, user,
                SegmentBatch.expectedOutput(PROBE), true), delta -> { }, new Cancellation(), usage -> { });
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (answer.error() != null) {
            TranslationException failure = gateway.failure(answer.error());
            return ModelCheckReport.simple(false, info.provider(), info.model(), failure.detail());
        }
        Map<Integer, String> got = new LinkedHashMap<>();
        SegmentStreamParser parser = new SegmentStreamParser(null, new SegmentStreamParser.Listener() {
            @Override
            public void partial(int id, String textSoFar) {
            }

            @Override
            public void completed(int id, String text) {
                got.put(id, text);
            }
        });
        parser.accept(answer.text());
        if (!answer.cut()) {
            parser.finish();
        }
        List<String> problems = new ArrayList<>();
        for (Segment s : PROBE) {
            String english = got.get(s.id());
            String problem = english == null ? "paragraph " + s.id() + " was left out"
                    : AnswerCheck.problem(s.text(), english, Direction.ZH_TO_EN);
            if (problem != null) {
                problems.add(english == null ? problem : "paragraph " + s.id() + ": " + problem);
            }
        }
        boolean follows = problems.isEmpty() && !answer.cut();
        ModelQuirks quirks = gateway.quirks();
        boolean thinks = !answer.reasoning().isBlank() || quirks.seenReasoning;
        boolean temperature = !quirks.temperatureRejected;
        String outputLimit = gateway.maxOutputTokens() + " tokens per answer at most, asked for as "
                + switch (quirks.outputLimit) {
                    case MAX_TOKENS -> gateway.isOllama() ? "num_predict" : "max_tokens";
                    case MAX_COMPLETION_TOKENS -> "max_completion_tokens";
                    case NONE -> "nothing (the server takes no limit)";
                };
        String window = gateway.isOllama()
                ? "Ollama's num_ctx is set per request, up to " + gateway.properties().contextWindow() + " tokens"
                : "the provider's own (Duizhao sends no window size)";

        List<String> findings = new ArrayList<>();
        findings.add("The server answered in " + millis + " ms.");
        findings.add(follows ? "The model follows the segment format: each paragraph came back in its own segment, in English."
                : "The model does not follow the segment format reliably: " + (answer.cut()
                ? "its answer was cut at the output limit" : String.join("; ", problems)) + ".");
        findings.add(thinks ? "The model thinks before it answers; its reasoning is kept out of the translation."
                : "The model answers without thinking first.");
        findings.add(temperature ? "It accepts the temperature Duizhao asks for (0.2)."
                : "It rejects a temperature other than its default, so none is sent.");
        findings.add("Output limit: " + outputLimit + ".");
        findings.add("Context window: " + window + ".");

        List<String> recommendations = new ArrayList<>();
        if (thinks && !"off".equals(gateway.properties().thinking())) {
            recommendations.add("duizhao.llm.thinking=off (translation gains little from thinking, and it costs time and tokens)");
        }
        if (answer.cut()) {
            recommendations.add("duizhao.llm.max-output-tokens=" + Math.min(32768, 2 * gateway.maxOutputTokens()));
        }
        if (gateway.isOllama() && gateway.concurrency() > 1) {
            recommendations.add("duizhao.llm.concurrency.ollama=1 unless the server runs with OLLAMA_NUM_PARALLEL > 1");
        }
        if (!follows) {
            recommendations.add("a larger or instruction-tuned model: this one's translations will often be asked again or fail");
        }
        if (recommendations.isEmpty()) {
            recommendations.add("the current settings");
        }
        String summary = "Connected to " + gateway.baseUrl() + " (" + info.label() + "). "
                + String.join(" ", findings) + " Recommended: " + String.join("; ", recommendations) + ".";
        return new ModelCheckReport(true, info.provider(), info.model(), follows, thinks, temperature, outputLimit,
                window, millis, findings, recommendations, summary);
    }

    static String ids(List<Segment> segments) {
        return segments.stream().map(s -> String.valueOf(s.id())).collect(Collectors.joining(", "));
    }
}
