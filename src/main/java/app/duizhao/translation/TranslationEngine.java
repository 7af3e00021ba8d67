package app.duizhao.translation;

/**
 * The one interface behind which every LLM (and the offline fallback) sits. Calls block the calling thread
 * until the work is done, cancelled or failed; text is reported to the sinks as it streams in.
 */
public interface TranslationEngine {

    /** Which provider and model this engine uses, and whether its output is a translation or an offline gloss. */
    EngineInfo info();

    /**
     * Translates every segment of the request. Each segment is reported through {@code sink}: partial text while
     * it streams, then exactly one {@code completed} or {@code failed} call, unless cancelled first.
     *
     * @throws TranslationException when the provider cannot be used at all (unreachable, refuses the key, keeps
     *                              failing); segments already completed stay completed
     */
    void translate(TranslationRequest request, TranslationSink sink, Cancellation cancellation);

    /**
     * Writes a summary of the article: an English headline line and key points (for the offline engine, key
     * sentences chosen by TextRank), streamed through {@code sink}.
     *
     * @throws TranslationException when the provider cannot be used
     */
    void summarize(SummaryRequest request, SummarySink sink, Cancellation cancellation);

    /**
     * Explains one Chinese sentence to a learner (grammar, words, idioms), streamed through {@code sink}. Engines
     * without an LLM cannot: the default throws.
     *
     * @param sentence  the sentence to explain
     * @param paragraph the paragraph it comes from, as context
     * @throws TranslationException when the engine cannot explain or the provider cannot be used
     */
    default void explain(String sentence, String paragraph, ArticleContext context, SummarySink sink,
                         Cancellation cancellation) {
        throw new TranslationException("Explanations need an LLM: set duizhao.llm.provider to openai or ollama.");
    }

    /**
     * Asks for the proper names of an article (people, organisations, places) as glossary proposals. The offline
     * engine has none.
     *
     * @throws TranslationException when the provider cannot be used
     */
    default java.util.List<ProposedTerm> proposeTerms(SummaryRequest request, java.util.function.Consumer<CallUsage> usage,
                                                      Cancellation cancellation) {
        return java.util.List.of();
    }

    /**
     * Makes one tiny call to check that the provider answers; returns a message for the user.
     *
     * @throws TranslationException with a clear message when it does not
     */
    default String testConnection() {
        return "The offline engine needs no connection.";
    }

    /**
     * Sends a three-paragraph probe and reports what the model does (format followed, thinking, limits, temperature)
     * and the settings it recommends. Server failures come back in the report, not as exceptions.
     */
    default ModelCheckReport check() {
        EngineInfo info = info();
        return ModelCheckReport.simple(true, info.provider(), info.model(), testConnection());
    }
}
