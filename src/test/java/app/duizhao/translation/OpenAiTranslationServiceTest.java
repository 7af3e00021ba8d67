package app.duizhao.translation;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The translation service with the openai provider, against an OpenAI-compatible server started by the test. */
class OpenAiTranslationServiceTest extends LlmTranslationServiceTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        llmProperties(registry, "openai");
    }
}
