package app.duizhao.reader.ui;

import app.duizhao.importing.ImportService;
import app.duizhao.testsupport.FakeLlmServer;
import app.duizhao.testsupport.FakeReply;
import app.duizhao.testsupport.KaribuSpringTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** What the reader shows when the LLM fails, and that Retry finishes the job without losing anything. */
class ReaderViewLlmFailureTest extends KaribuSpringTest {

    static final FakeLlmServer llm = FakeLlmServer.start();

    @DynamicPropertySource
    static void llmProperties(DynamicPropertyRegistry registry) {
        registry.add("duizhao.llm.provider", () -> "openai");
        registry.add("duizhao.llm.base-url", llm::baseUrl);
        registry.add("duizhao.llm.model", () -> "fake-gpt");
        registry.add("duizhao.llm.api-key", () -> "sk-ui-test-SECRET");
        registry.add("duizhao.llm.max-retries", () -> "1");
        registry.add("duizhao.llm.timeout", () -> "PT2S");
    }

    @AfterAll
    static void stop() {
        llm.close();
    }

    @Autowired
    ImportService importer;

    @Autowired
    app.duizhao.translation.GlossaryService glossary;

    @Test
    void proposingGlossaryTermsShowsTheLlmsNamesAndPointsToTheGlossary() {
        long id = importer.importText("秦刚大使在纽约发表讲话。").articleId();
        llm.reset();
        llm.defaultReply(FakeReply.text("秦刚\tQin Gang\tperson"));
        UI.getCurrent().navigate(ReaderView.class, id);
        ReaderView reader = _get(ReaderView.class);

        _click(_get(Button.class, spec -> spec.withId("propose-terms")));
        awaitUi(() -> !reader.glossaryNoticeText().isEmpty(), Duration.ofSeconds(30));

        assertThat(reader.glossaryNoticeText()).contains("秦刚 → Qin Gang", "Open the glossary");
        assertThat(glossary.proposals()).anySatisfy(term -> assertThat(term.english()).isEqualTo("Qin Gang"));
        glossary.proposals().forEach(term -> glossary.delete(term.id()));
    }

    @Test
    void aTranslationThatLeavesOutAGlossaryTermIsFlaggedUnderTheToolbar() {
        glossary.save("纽约", "New York", null, null);
        long id = importer.importText("代表团抵达纽约。").articleId();
        llm.reset();
        UI.getCurrent().navigate(ReaderView.class, id);
        ReaderView reader = _get(ReaderView.class);

        _click(_get(Button.class, spec -> spec.withId("translate")));
        awaitUi(() -> reader.statusText().equals("Translated."), Duration.ofSeconds(60));

        assertThat(reader.glossaryNoticeText()).contains("paragraph 1 does not use 纽约 → New York");
        glossary.terms().forEach(term -> glossary.delete(term.id()));
    }

    @Test
    void anLlmErrorIsShownClearlyKeepsTranslatedParagraphsAndRetryCompletesTheRest() {
        long id = importer.importText("失败测试第一段。\n\n失败测试第二段。\n\n失败测试第三段。").articleId();
        llm.reset();
        llm.defaultReply(FakeReply.error(503));
        // The summary runs beside the translation: it must not take the translation's queued answer (a race).
        llm.summaryReply(FakeReply.text("The article in one line."));
        llm.enqueue(FakeReply.text("<segment id=\"0\">" + FakeReply.translationOf(0, "失败测试第一段。") + "</segment>"));
        UI.getCurrent().navigate(ReaderView.class, id);
        ReaderView reader = _get(ReaderView.class);
        Button translate = _get(Button.class, spec -> spec.withId("translate"));

        _click(translate);
        awaitUi(() -> translate.isEnabled() && !reader.statusText().isBlank()
                && !reader.statusText().startsWith("Translating"), Duration.ofSeconds(60));

        assertThat(reader.statusText()).contains("503").contains("kept").doesNotContain("SECRET");
        assertThat(translate.getText()).isEqualTo("Retry");
        assertThat(reader.rows().get(0).englishText()).isEqualTo(FakeReply.translationOf(0, "失败测试第一段。"));
        assertThat(reader.rows().get(1).englishText()).isEmpty();

        llm.reset();
        _click(translate);
        awaitUi(() -> reader.statusText().equals("Translated."), Duration.ofSeconds(60));

        assertThat(reader.rows().get(1).englishText()).isEqualTo(FakeReply.translationOf(1, "失败测试第二段。"));
        assertThat(reader.rows().get(2).englishText()).isEqualTo(FakeReply.translationOf(2, "失败测试第三段。"));
        assertThat(reader.summaryText()).isNotBlank();
    }

    @Test
    void anErrorBeforeAnyParagraphSaysSoAndNothingIsLost() {
        long id = importer.importText("出错的测试段落。").articleId();
        llm.reset();
        llm.defaultReply(FakeReply.error(500));
        UI.getCurrent().navigate(ReaderView.class, id);
        ReaderView reader = _get(ReaderView.class);
        Button translate = _get(Button.class, spec -> spec.withId("translate"));

        _click(translate);
        awaitUi(() -> translate.isEnabled() && reader.statusText().contains("500"), Duration.ofSeconds(60));

        assertThat(reader.statusText()).contains("Nothing was lost");
        assertThat(reader.rows().get(0).englishText()).isEmpty();
    }
}
