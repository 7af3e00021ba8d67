package app.duizhao.translation;

import app.duizhao.testsupport.FakeLlmServer;
import app.duizhao.testsupport.FakeReply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TranslationEnginesTest {

    private final OfflineTranslationEngine offline =
            new OfflineTranslationEngine(app.duizhao.chinese.ChineseFixtures.SEGMENTER, app.duizhao.chinese.ChineseFixtures.GLOSSER);

    private static LlmProperties settings(String provider, String baseUrl, String apiKey) {
        return new LlmProperties(provider, baseUrl, "fake-model", apiKey, Duration.ofSeconds(5), null);
    }

    @Test
    void theOfflineProviderGivesTheOfflineEngine() {
        TranslationEngines engines = new TranslationEngines(offline, settings(null, null, null));

        assertThat(engines.current()).isSameAs(offline);
        assertThat(engines.current().info().kind()).isEqualTo(OutputKind.OFFLINE);
    }

    @Test
    void anUnknownProviderFailsAtStartupNamingTheAllowedValues() {
        assertThatThrownBy(() -> new TranslationEngines(offline, settings("gemini", null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"gemini\"")
                .hasMessageContaining("offline, openai, ollama");
    }

    @Test
    void theLlmEngineIsBuiltOnceAndReused() {
        TranslationEngines engines = new TranslationEngines(offline, settings("openai", "http://127.0.0.1:1/v1", "k"));

        assertThat(engines.current()).isSameAs(engines.current());
        assertThat(engines.current().info()).isEqualTo(new EngineInfo("openai", "fake-model", OutputKind.LLM));
    }

    @Test
    void forSettingsBuildsAnEngineForOtherSettings() {
        TranslationEngines engines = new TranslationEngines(offline, settings("offline", null, null));

        TranslationEngine ollama = engines.forSettings(settings("OLLAMA", "http://127.0.0.1:1", null));

        assertThat(ollama.info()).isEqualTo(new EngineInfo("ollama", "fake-model", OutputKind.LLM));
        assertThat(engines.current()).isSameAs(offline);
    }

    @Test
    void anOpenAiCompatibleServerWithoutAKeyGetsAPlaceholderKey() {
        try (FakeLlmServer server = FakeLlmServer.start()) {
            TranslationEngine engine = new TranslationEngines(offline, settings("openai", server.baseUrl() + "/", " ")).current();
            RecordingSink sink = new RecordingSink();

            engine.translate(new TranslationRequest(new ArticleContext("标题", null, null), List.of(new Segment(1, "你好，世界"))),
                    sink, new Cancellation());

            assertThat(sink.completed()).containsEntry(1, FakeReply.translationOf(1, "你好，世界"));
            assertThat(server.lastChatRequest().header("authorization")).isEqualTo("Bearer not-needed");
            assertThat(server.lastChatRequest().path()).isEqualTo("/v1/chat/completions");
        }
    }
}
