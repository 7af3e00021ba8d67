package app.duizhao.translation;

import app.duizhao.testsupport.ChatCall;
import app.duizhao.testsupport.FakeLlmServer;
import app.duizhao.testsupport.FakeReply;
import app.duizhao.testsupport.ProviderBehaviour;
import app.duizhao.testsupport.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ways real models and servers answer (see {@link ProviderBehaviour} for which provider documents each), driven
 * through the real LangChain4j clients: the English kept for every paragraph is compared with what the server meant
 * for it, and whatever is not right is flagged, never stored as a translation.
 */
class RealModelBehaviourTest {

    private static final ArticleContext CONTEXT = new ArticleContext("央行宣布降息", "新华社", "2025-05-20");

    private FakeLlmServer server;

    @BeforeEach
    void start() {
        server = FakeLlmServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LangChainTranslationEngine engine(String provider, int concurrency, int batchTokens, Duration timeout,
                                              String thinking, Integer maxOutput, Integer window, Duration firstToken) {
        LlmProperties llm = new LlmProperties(provider, server.baseUrl(provider), "fake-model", "sk-test", timeout, 2)
                .tuned(thinking, maxOutput, window, firstToken, Map.of());
        return LangChainTranslationEngine.forTest(llm, new TranslationProperties(concurrency, batchTokens, false),
                Duration.ofMillis(20));
    }

    private LangChainTranslationEngine engine(String provider) {
        return engine(provider, 1, 2500, Duration.ofSeconds(10), null, null, null, null);
    }

    private static List<Segment> segments(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> new Segment(i, "第" + i + "段：中国人民银行今天宣布下调贷款市场报价利率，以支持实体经济发展。"))
                .toList();
    }

    private static Map<Integer, String> meant(List<Segment> segments) {
        Map<Integer, String> expected = new LinkedHashMap<>();
        segments.forEach(s -> expected.put(s.id(), FakeReply.translationOf(s.id(), s.text())));
        return expected;
    }

    private static RecordingSink translate(TranslationEngine engine, List<Segment> segments) {
        RecordingSink sink = new RecordingSink();
        engine.translate(new TranslationRequest(CONTEXT, segments), sink, new Cancellation());
        return sink;
    }

    private static void assertNoReasoningShown(RecordingSink sink) {
        assertThat(sink.events()).noneMatch(e -> e.text() != null
                && (e.text().contains("DRAFT") || e.text().contains("Let me draft") || e.text().contains("think>")));
    }

    // ---------------------------------------------------------------- 1. reasoning

    @ParameterizedTest
    @ValueSource(strings = {"openai", "ollama"})
    void reasoningSentApartNeverReachesTheTranslationAndItsDraftIdsAreNeverTaken(String provider) {
        server.behave(ProviderBehaviour.polite().reasoningApart());
        List<Segment> segments = segments(4);

        // "on": Ollama thinks (message.thinking); the OpenAI-style server sends reasoning_content either way.
        RecordingSink sink = translate(engine(provider, 1, 2500, Duration.ofSeconds(10), "on", null, null, null), segments);

        assertThat(sink.completed()).containsExactlyEntriesOf(meant(segments));
        assertNoReasoningShown(sink);
        assertThat(server.chatRequests()).hasSize(1);
    }

    @Test
    void ollamaThinkingIsSwitchedOffForTranslationOnlyForModelsThatThink() {
        server.behave(ProviderBehaviour.polite().reasoningApart());
        RecordingSink sink = translate(engine("ollama"), segments(2));

        assertThat(sink.completed()).containsExactlyEntriesOf(meant(segments(2)));
        assertThat(server.lastChatRequest().body().replaceAll("\\s", "")).contains("\"think\":false");

        try (FakeLlmServer plain = FakeLlmServer.start()) { // a model without "thinking" in its capabilities
            LlmProperties llm = new LlmProperties("ollama", plain.ollamaBaseUrl(), "plain-model", null,
                    Duration.ofSeconds(10), 2);
            RecordingSink other = translate(LangChainTranslationEngine.forTest(llm, TranslationProperties.defaults(),
                    Duration.ofMillis(20)), segments(2));
            assertThat(other.completed()).containsExactlyEntriesOf(meant(segments(2)));
            assertThat(plain.chatRequests()).hasSize(1);
            assertThat(plain.lastChatRequest().body()).doesNotContain("\"think\"");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "ollama"})
    void reasoningInsideTheAnswerAsThinkTagsIsRemoved(String provider) {
        server.behave(ProviderBehaviour.polite().reasoningInline());
        List<Segment> segments = segments(4);

        RecordingSink sink = translate(engine(provider), segments);

        assertThat(sink.completed()).containsExactlyEntriesOf(meant(segments));
        assertNoReasoningShown(sink);
    }

    @Test
    void reasoningWhoseOpeningTagTheTemplateWroteIsRemovedToo() {
        server.behave(ProviderBehaviour.polite().reasoningInlineTemplateOpened());
        List<Segment> segments = segments(3);

        RecordingSink sink = translate(engine("openai"), segments);

        assertThat(sink.completed()).containsExactlyEntriesOf(meant(segments));
        assertNoReasoningShown(sink);
    }

    @Test
    void anAnswerCutWhileStillThinkingIsAskedAgainInSmallerBatches() {
        // The unclosed <think> at the end of a cut answer is all reasoning: nothing of it is stored.
        server.behave(ProviderBehaviour.polite().reasoningInline().outputLimit(160));
        List<Segment> segments = segments(6);

        RecordingSink sink = translate(engine("openai"), segments);

        assertThat(sink.completed()).containsExactlyInAnyOrderEntriesOf(meant(segments));
        assertNoReasoningShown(sink);
        assertThat(server.chatRequests().size()).isGreaterThan(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "ollama"})
    void theSummaryNeverShowsTheReasoning(String provider) {
        server.behave(ProviderBehaviour.polite().reasoningInline());
        List<String> partials = new ArrayList<>();
        String[] done = new String[1];

        engine(provider).summarize(new SummaryRequest(CONTEXT, List.of("第一段。", "第二段。")), new SummarySink() {
            @Override
            public void partial(String textSoFar) {
                partials.add(textSoFar);
            }

            @Override
            public void completed(String text) {
                done[0] = text;
            }
        }, new Cancellation());

        assertThat(done[0]).startsWith("Fake headline about 央行宣布降息").doesNotContain("think", "DRAFT", "Okay");
        assertThat(partials).noneMatch(p -> p.contains("think>") || p.contains("Okay, the user"));
    }

    // ---------------------------------------------------------------- 2. cut answers

    @ParameterizedTest
    @ValueSource(strings = {"openai", "ollama"})
    void anAnswerCutAtTheOutputLimitIsNeverStoredAsCompleteAndTheRestIsAskedAgainInSmallerBatches(String provider) {
        server.behave(ProviderBehaviour.polite().outputLimit(90));
        List<Segment> segments = segments(8);

        RecordingSink sink = translate(engine(provider), segments);

        assertThat(sink.completed()).containsExactlyInAnyOrderEntriesOf(meant(segments));
        assertThat(sink.failed()).isEmpty();
        List<RecordedRequest> chats = server.chatRequests();
        assertThat(chats.size()).isGreaterThan(2);
        // Every request names an explicit output limit sized to its batch.
        assertThat(chats).allSatisfy(r -> assertThat(r.body()).containsAnyOf("\"max_tokens\"", "\"num_predict\""));
        assertThat(chats.get(1).chatCall().segmentIds().size()).isLessThan(8);
    }

    // ---------------------------------------------------------------- 3. Ollama's window

    @Test
    void aPromptOllamaCutToFitItsWindowIsDetectedSplitAndAskedAgainWithNothingInventedKept() {
        // The model's own window is 2048 tokens, whatever num_ctx asks for: a 2,000-token batch does not fit.
        server.behave(ProviderBehaviour.polite().ollamaWindow(4096, 2048));
        List<Segment> segments = IntStream.rangeClosed(1, 10).mapToObj(i -> new Segment(i, ("第" + i + "段：")
                + "国务院新闻办公室今天举行发布会，介绍今年以来经济运行情况和下一步政策安排。".repeat(5))).toList();

        RecordingSink sink = translate(engine("ollama"), segments);

        assertThat(sink.completed()).containsExactlyInAnyOrderEntriesOf(meant(segments));
        assertThat(sink.completed().values()).noneMatch(english -> english.contains("invented"));
        assertThat(server.chatRequests()).allSatisfy(r -> assertThat(r.body()).contains("\"num_ctx\""));
        assertThat(server.chatRequests().size()).isGreaterThan(1);
    }

    @Test
    void batchesAreSizedSoThatPromptAndAnswerFitTheContextWindow() {
        LangChainTranslationEngine small = engine("ollama", 1, 2500, Duration.ofSeconds(5), null, null, 4096, null);
        LangChainTranslationEngine large = engine("openai", 1, 2500, Duration.ofSeconds(5), null, 1024, null, null);

        assertThat(small.batchBudget(Direction.ZH_TO_EN)).isLessThan(1500);
        assertThat(large.batchBudget(Direction.ZH_TO_EN)).isLessThan(700);
        assertThat(engine("openai").batchBudget(Direction.ZH_TO_EN)).isEqualTo(2500);
    }

    // ---------------------------------------------------------------- 4. refusals and rejected parameters

    @ParameterizedTest
    @ValueSource(strings = {"openai", "ollama"})
    void aRefusedParagraphIsFlaggedWithTheProvidersMessageAndTheOthersAreTranslated(String provider) {
        server.behave(ProviderBehaviour.polite().refusing("敏感"));
        List<Segment> segments = new ArrayList<>(segments(6));
        segments.set(3, new Segment(4, "第4段：这是一段敏感的内容，提供方拒绝处理。"));

        RecordingSink sink = translate(engine(provider), segments);

        Map<Integer, String> expected = meant(segments);
        expected.remove(4);
        assertThat(sink.completed()).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(sink.failed()).containsOnlyKeys(4);
        assertThat(sink.failed().get(4)).contains("refused", "Content Exists Risk");
    }

    @Test
    void aContentFilterFinishFailsOnlyTheParagraphItStopped() {
        server.enqueue(FakeReply.contentFilterAfterSegments(2));
        server.enqueue(FakeReply.contentFilterAfterSegments(0)); // segments 3 and 4 asked again: 3 is fine…
        List<Segment> segments = segments(4);

        RecordingSink sink = translate(engine("openai"), segments);

        assertThat(sink.completed()).containsKeys(1, 2);
        assertThat(sink.completed()).allSatisfy((id, english) -> assertThat(english).isEqualTo(meant(segments).get(id)));
        assertThat(sink.completed().size() + sink.failed().size()).isEqualTo(4);
    }

    @Test
    void aModelThatRejectsTemperatureAndMaxTokensIsAskedAgainWithoutThemAndThatIsRemembered() {
        server.behave(ProviderBehaviour.polite().rejectingTemperature().rejectingMaxTokens());
        LangChainTranslationEngine engine = engine("openai");

        RecordingSink first = translate(engine, segments(2));
        RecordingSink second = translate(engine, segments(3));

        assertThat(first.completed()).containsExactlyEntriesOf(meant(segments(2)));
        assertThat(second.completed()).containsExactlyEntriesOf(meant(segments(3)));
        List<RecordedRequest> chats = server.chatRequests();
        assertThat(chats).hasSize(4); // temperature rejected, max_tokens rejected, then each call once
        assertThat(chats.get(0).body()).contains("\"temperature\"");
        assertThat(chats.get(3).body()).doesNotContain("\"temperature\"").doesNotContain("\"max_tokens\"")
                .contains("\"max_completion_tokens\"");
    }

    // ---------------------------------------------------------------- 5. every answer checked

    @ParameterizedTest
    @ValueSource(strings = {"openai", "ollama"})
    void chineseCopiedBackAndApologiesAreAskedAgainAloneOnce(String provider) {
        server.enqueue(FakeReply.copyBack(2));
        server.enqueue(FakeReply.apologize(3));
        List<Segment> segments = segments(4);

        RecordingSink sink = translate(engine(provider), segments);

        assertThat(sink.completed()).containsExactlyInAnyOrderEntriesOf(meant(segments));
        assertThat(sink.events("completed")).hasSize(4);
    }

    @Test
    void aParagraphThatKeepsComingBackWrongIsFailedWithTheReasonAndNeverStored() {
        server.defaultReply(FakeReply.apologize(2));
        List<Segment> segments = segments(3);

        RecordingSink sink = translate(engine("openai"), segments);

        assertThat(sink.completed()).containsOnlyKeys(1, 3);
        assertThat(sink.failed().get(2)).contains("refusal or an apology");
        assertThat(server.chatRequests()).hasSize(2); // asked again once, alone
        assertThat(server.chatRequests().get(1).chatCall().segmentIds()).containsExactly(2);
    }

    @Test
    void theChecksHoldMirroredForEnglishIntoChinese() {
        String source = "The central bank cut its benchmark rate on Monday, the first cut in two years.";
        assertThat(AnswerCheck.problem(source, source, Direction.EN_TO_ZH)).contains("copied");
        assertThat(AnswerCheck.problem(source, "The central bank lowered its rate on Monday.", Direction.EN_TO_ZH))
                .contains("still mostly English");
        assertThat(AnswerCheck.problem(source, "抱歉，我无法翻译这段内容。", Direction.EN_TO_ZH)).contains("apology");
        assertThat(AnswerCheck.problem(source, "央行周一下调基准利率，为两年来首次降息。", Direction.EN_TO_ZH)).isNull();
        assertThat(AnswerCheck.problem("央行周一下调基准利率。", "央行周一下调基准利率。", Direction.ZH_TO_EN)).contains("copied");
    }

    // ---------------------------------------------------------------- 6. one-slot servers

    @Test
    void ollamaSendsOneRequestAtATimeUnlessToldOtherwiseSoNothingQueuesAgainstTheTimeLimit() {
        server.behave(ProviderBehaviour.polite().oneSlot()).chunkDelay(Duration.ofMillis(15));
        List<Segment> segments = segments(8);

        // concurrency 4 for translation in general, 100 tokens per batch: four batches, one after another.
        RecordingSink sink = translate(engine("ollama", 4, 100, Duration.ofSeconds(1), null, null, null, null), segments);

        assertThat(sink.completed()).containsExactlyInAnyOrderEntriesOf(meant(segments));
        assertThat(server.maxConcurrentChats()).isEqualTo(1);
    }

    @Test
    void theWaitForTheFirstTokenIsASettingOfItsOwn() {
        server.behave(ProviderBehaviour.polite().oneSlot()).firstByteLatency(Duration.ofMillis(700));
        List<Segment> segments = segments(8);

        // Four requests at once on a one-slot server: the last waits ~2 s for its first token, past the 1 s idle limit.
        RecordingSink sink = translate(engine("openai", 4, 100, Duration.ofSeconds(1), null, null, null,
                Duration.ofSeconds(20)), segments);

        assertThat(sink.completed()).containsExactlyInAnyOrderEntriesOf(meant(segments));
        assertThat(sink.failed()).isEmpty();
    }

    // ---------------------------------------------------------------- 8. model check

    @Test
    void theModelCheckSaysInWordsWhatTheModelDoesAndWhatToSet() {
        server.behave(ProviderBehaviour.polite().reasoningApart().rejectingTemperature());

        ModelCheckReport report = engine("openai").check();

        assertThat(report.ok()).isTrue();
        assertThat(report.followsFormat()).isTrue();
        assertThat(report.thinks()).isTrue();
        assertThat(report.temperatureAccepted()).isFalse();
        assertThat(report.recommendations()).anyMatch(r -> r.contains("duizhao.llm.thinking=off"));
        assertThat(report.summary()).contains("follows the segment format", "thinks", "rejects a temperature",
                "Output limit: 4096 tokens");
        ChatCall probe = server.lastChatRequest().chatCall();
        assertThat(probe.segmentIds()).containsExactly(1, 2, 3);
    }

    @Test
    void theModelCheckOfAModelThatIgnoresTheFormatSaysSo() {
        server.defaultReply(FakeReply.text("Here is my translation: the economy grew."));

        ModelCheckReport report = engine("ollama").check();

        assertThat(report.ok()).isTrue();
        assertThat(report.followsFormat()).isFalse();
        assertThat(report.summary()).contains("does not follow the segment format");
    }
}
