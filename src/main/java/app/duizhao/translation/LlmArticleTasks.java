package app.duizhao.translation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The LLM's whole-text tasks, each one call through the {@link LlmGateway} (so reasoning never reaches the reader
 * here either): the article's summary (fitted to the model's window: the lede first, then what fits), the
 * explanation of a sentence, and glossary proposals.
 */
final class LlmArticleTasks {

    private static final Pattern PREAMBLE = Pattern.compile(
            "^\\s*(?:(?:sure|okay|ok|certainly)[,.!]?\\s*)?(?:here(?:'s| is| are)[^\\n:]{0,60}:|translation\\s*:|english\\s*:)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final String EXPLAIN_VERSION = "explain-v1";
    private static final int SUMMARY_OUTPUT = 1024;
    private static final int EXPLAIN_OUTPUT = 1536;
    private static final int PROPOSE_OUTPUT = 1536;

    private final LlmGateway gateway;

    LlmArticleTasks(LlmGateway gateway) {
        this.gateway = gateway;
    }

    // ---------------------------------------------------------------- summary

    void summarize(SummaryRequest request, SummarySink sink, Cancellation cancellation) {
        int output = Math.min(gateway.maxOutputTokens(), request.inChinese() ? 2 * SUMMARY_OUTPUT : SUMMARY_OUTPUT);
        String system = PromptTemplates.summarizeSystem();
        SummaryRequest fitting = fit(request, system, output);
        String user = PromptTemplates.summarizeUser(fitting, request.paragraphs().size() - fitting.paragraphs().size());
        LlmGateway.Answer answer = gateway.complete(new LlmGateway.Request("summary", system, user, output, false),
                soFar -> {
                    String clean = clean(soFar);
                    if (!clean.isEmpty()) {
                        sink.partial(clean);
                    }
                }, cancellation, sink::usage);
        if (answer == null) {
            return;
        }
        if (answer.promptCut()) {
            throw new TranslationException("The article is too long for the model's context window; "
                    + "raise duizhao.llm.context-window.");
        }
        String summary = clean(answer.text());
        if (answer.cut()) {
            // Cut at the output limit: keep the complete lines only, never a half-written point.
            int end = summary.lastIndexOf('\n');
            summary = end < 0 ? "" : summary.substring(0, end).strip();
        }
        if (summary.isEmpty()) {
            throw new TranslationException("The model returned no summary" + (answer.cut()
                    ? " within its output limit (duizhao.llm.max-output-tokens)." : "."),
                    "The LLM server at " + gateway.baseUrl() + " returned an empty summary.", null);
        }
        sink.completed(summary);
    }

    /**
     * The article as far as it fits the window with the answer (Ollama; other providers' windows are far larger
     * than a news article): the lede first, then the following paragraphs while they fit.
     */
    SummaryRequest fit(SummaryRequest request, String system, int output) {
        int room = gateway.promptRoom(output) - TokenEstimator.estimate(system)
                - TokenEstimator.estimate(PromptTemplates.summarizeUser(request.withParagraphs(List.of()), 1));
        List<String> kept = new ArrayList<>();
        int used = 0;
        for (String p : request.paragraphs()) {
            int t = TokenEstimator.estimate(p) + 6;
            if (used + t > room && !kept.isEmpty()) {
                break;
            }
            kept.add(p);
            used += t;
        }
        return kept.size() == request.paragraphs().size() ? request : request.withParagraphs(kept);
    }

    static String clean(String text) {
        return PREAMBLE.matcher(text).replaceFirst("").strip();
    }

    // ---------------------------------------------------------------- explanation (study tools)

    void explain(String sentence, String paragraph, ArticleContext context, SummarySink sink,
                 Cancellation cancellation) {
        ArticleContext c = context == null ? new ArticleContext(null, null, null) : context;
        Function<String, String> orUnknown = v -> v == null || v.isBlank() ? "(unknown)"
                : PromptTemplates.escape(v.strip());
        String user = PromptTemplates.fill(ExplainPrompts.USER, Map.of("title", orUnknown.apply(c.title()),
                "source", orUnknown.apply(c.source()), "date", orUnknown.apply(c.date()),
                "paragraph", PromptTemplates.escape(paragraph), "sentence", PromptTemplates.escape(sentence)));
        LlmGateway.Answer answer = gateway.complete(
                new LlmGateway.Request("explain", ExplainPrompts.SYSTEM, user, EXPLAIN_OUTPUT, false),
                soFar -> sink.partial(soFar.strip()), cancellation, sink::usage);
        if (answer == null) {
            return;
        }
        // Not clean(): an explanation may well start with "Translation:".
        String text = answer.text().strip();
        if (text.isEmpty()) {
            throw new TranslationException("The model returned an empty explanation.",
                    "The LLM server at " + gateway.baseUrl() + " returned an empty explanation.", null);
        }
        sink.completed(text);
    }

    /** The explanation prompts, read on first use. */
    private static final class ExplainPrompts {
        static final String SYSTEM = read(EXPLAIN_VERSION + ".system.txt");
        static final String USER = read(EXPLAIN_VERSION + ".user.txt");

        private static String read(String name) {
            try (InputStream in = LlmArticleTasks.class.getClassLoader().getResourceAsStream("prompts/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("Missing prompt template on the classpath: prompts/" + name);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ---------------------------------------------------------------- glossary proposals

    List<ProposedTerm> proposeTerms(SummaryRequest request, Consumer<CallUsage> usage, Cancellation cancellation) {
        String system = PromptTemplates.proposeTermsSystem();
        SummaryRequest fitting = fit(request, system, PROPOSE_OUTPUT);
        String user = PromptTemplates.proposeTermsUser(fitting);
        LlmGateway.Answer answer = gateway.complete(
                new LlmGateway.Request("glossary", system, user, PROPOSE_OUTPUT, false),
                soFar -> { }, cancellation, usage);
        if (answer == null) {
            return List.of();
        }
        String text = answer.text();
        if (answer.cut()) {
            int end = text.lastIndexOf('\n');
            text = end < 0 ? "" : text.substring(0, end); // never a half-written last line
        }
        return ProposedTerm.parse(text);
    }
}
