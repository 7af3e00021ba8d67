package app.duizhao.translation;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The translation service with the ollama provider, against an Ollama-compatible server started by the test. */
class OllamaTranslationServiceTest extends LlmTranslationServiceTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        llmProperties(registry, "ollama");
    }
}
