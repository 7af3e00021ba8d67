package app.duizhao.translation;

import app.duizhao.importing.ImportService;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.LibraryService;
import app.duizhao.testsupport.FakeLlmServer;
import app.duizhao.testsupport.FakeReply;
import app.duizhao.testsupport.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cache, usage, glossary, per-block re-translate and runtime settings, on H2 against the fake OpenAI server. */
@SpringBootTest
@ActiveProfiles("test")
class TranslationDepthServiceTest {

    static final FakeLlmServer server = FakeLlmServer.start();

    @Autowired ImportService importer;
    @Autowired LibraryService library;
    @Autowired TranslationService translation;
    @Autowired GlossaryService glossary;
    @Autowired TranslationEngines engines;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("duizhao.llm.provider", () -> "openai");
        registry.add("duizhao.llm.base-url", server::baseUrl);
        registry.add("duizhao.llm.model", () -> "depth-model");
        registry.add("duizhao.llm.timeout", () -> "PT5S");
        registry.add("duizhao.llm.max-retries", () -> "1");
        registry.add("duizhao.pricing.depth-model.prompt-per-million", () -> "1000");
        registry.add("duizhao.pricing.depth-model.completion-per-million", () -> "2000");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
        engines.reset();
        glossary.terms().forEach(t -> glossary.delete(t.id()));
        glossary.proposals().forEach(t -> glossary.delete(t.id()));
    }

    private long importSeed(String name) {
        String text = Fixtures.seedPostText().replaceFirst("(?m)^from: .*$", "from: https://example.test/" + name)
                .replace("</p><p>秦刚指出", "</p><p>这是测试文章" + name + "的一段。</p><p>秦刚指出");
        return importer.importFile(name + ".md", text.getBytes(StandardCharsets.UTF_8)).articleId();
    }

    private static TranslationJob finish(TranslationJob job) throws InterruptedException {
        assertThat(job.await(Duration.ofSeconds(30))).isTrue();
        return job;
    }

    @Test
    void reImportingTheSameTextCostsNoCallBecauseTranslationsAreCached() throws InterruptedException {
        long first = importSeed("cache-a");
        finish(translation.start(first, false));
        int calls = server.chatRequests().size();
        assertThat(calls).isPositive();
        library.delete(first);

        long again = importSeed("cache-a");
        server.clearRequests();
        finish(translation.start(again, false));

        ArticleSnapshot article = library.snapshot(again).orElseThrow();
        assertThat(article.blocks()).filteredOn(b -> !b.isImage()).allMatch(b -> b.machineEnglish() != null);
        // Only the summary is asked again: every block came from the cache.
        assertThat(server.chatRequests()).allMatch(r -> r.chatCall().isSummary());
    }

    @Test
    void everyCallRecordsTokensAndTheArticleShowsItsCostPerModel() throws InterruptedException {
        long id = importSeed("usage");
        finish(translation.start(id, false));

        List<ModelUsage> usage = translation.usage(id);
        assertThat(usage).hasSize(1);
        ModelUsage u = usage.getFirst();
        assertThat(u.model()).isEqualTo("depth-model");
        assertThat(u.calls()).isEqualTo(server.chatRequests().size());
        assertThat(u.promptTokens()).isPositive();
        assertThat(u.estimated()).isFalse();
        assertThat(u.cost()).isEqualTo((u.promptTokens() * 1000 + u.completionTokens() * 2000) / 1e6);
        assertThat(translation.dailyUsage(1)).hasSize(1).first().satisfies(d -> assertThat(d.calls()).isGreaterThanOrEqualTo(u.calls()));
    }

    @Test
    void oneParagraphCanBeTranslatedAgainAndTheModelsCompared() throws InterruptedException {
        long id = importSeed("retranslate");
        finish(translation.start(id, false));
        int position = library.snapshot(id).orElseThrow().blocks().stream().filter(b -> !b.isImage()).findFirst().orElseThrow().position();
        server.clearRequests();
        // In proportion to its source: a two-word answer for a long paragraph is rightly taken for no translation.
        String better = "Better English: " + FakeReply.translationOf(position,
                library.snapshot(id).orElseThrow().blocks().get(position).text());
        server.defaultReply(FakeReply.custom(call -> "<segment id=\"" + position + "\">" + better + "</segment>"));

        TranslationJob job = finish(translation.retranslateBlock(id, position));

        assertThat(job.status()).isEqualTo(TranslationJob.Status.DONE);
        assertThat(server.chatRequests()).hasSize(1);
        assertThat(server.lastChatRequest().chatCall().segmentIds()).containsExactly(position);
        assertThat(library.snapshot(id).orElseThrow().blocks().get(position).machineEnglish()).isEqualTo(better);

        server.defaultReply(FakeReply.translation());
        finish(translation.start(id, true, null, "other-model"));
        assertThat(translation.storedTranslations(id, position)).extracting(StoredTranslation::model)
                .contains("depth-model", "other-model");
    }

    @Test
    void glossaryTermsInTheArticleGoIntoThePromptInEitherScript() throws InterruptedException {
        glossary.save("乒乓外交", "Ping-Pong Diplomacy", "capitalised", null);
        glossary.save("駐美大使", "ambassador to the United States", null, null); // traditional, the text is simplified
        glossary.save("不在文中", "not in the text", null, null);
        long id = importSeed("glossary");

        finish(translation.start(id, false));

        String prompts = String.join("\n", server.chatRequests().stream().map(r -> r.chatCall().lastUserMessage()).toList());
        assertThat(prompts).contains("乒乓外交 = Ping-Pong Diplomacy (capitalised)", "駐美大使 = ambassador to the United States")
                .doesNotContain("不在文中");
        // The fake does not use the glossary: the check notices.
        assertThat(translation.job(id).orElseThrow().glossaryMisses()).isNotEmpty();
    }

    @Test
    void theGlossaryRoundTripsThroughCsvAndABadRowImportsNothing() {
        glossary.save("新华社", "Xinhua, \"the\" agency", "note, with comma", "联合早报");
        byte[] csv = glossary.exportCsv();
        assertThat(new String(csv, StandardCharsets.UTF_8)).startsWith(GlossaryService.CSV_HEADER)
                .contains("\"Xinhua, \"\"the\"\" agency\"");
        glossary.terms().forEach(t -> glossary.delete(t.id()));

        assertThat(glossary.importCsv(csv)).isEqualTo(1);
        assertThat(glossary.terms()).singleElement().satisfies(t -> {
            assertThat(t.english()).isEqualTo("Xinhua, \"the\" agency");
            assertThat(t.source()).isEqualTo("联合早报");
        });
        assertThatThrownBy(() -> glossary.importCsv("中国,China\n美国\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("Line 2");
        assertThat(glossary.terms()).extracting(GlossaryTerm::chinese).containsExactly("新华社");
        glossary.terms().forEach(t -> glossary.delete(t.id()));
    }

    @Test
    void proposedTermsWaitForTheUserToAcceptThem() {
        long id = importSeed("propose");
        server.defaultReply(FakeReply.text("秦刚\tQin Gang\tperson\n中国驻美国大使馆\tChinese Embassy in the US\torganisation\nnoise line"));

        List<ProposedTerm> proposed = translation.proposeTerms(id);

        assertThat(proposed).extracting(ProposedTerm::english).containsExactly("Qin Gang", "Chinese Embassy in the US");
        assertThat(glossary.proposals()).hasSize(2);
        glossary.accept(glossary.proposals().getFirst().id());
        assertThat(glossary.terms()).hasSize(1);
        assertThat(glossary.proposals()).hasSize(1);
        glossary.proposals().forEach(t -> glossary.delete(t.id()));
        glossary.terms().forEach(t -> glossary.delete(t.id()));
    }

    @Test
    void switchingTheModelAtRuntimeNeedsNoRestartAndIsKept() throws InterruptedException {
        EngineSettings switched = engines.settings().withModel(null, "switched-model");
        engines.update(switched);

        assertThat(translation.engineInfo().model()).isEqualTo("switched-model");
        long id = importSeed("switch");
        finish(translation.start(id, false));
        assertThat(server.chatRequests()).allMatch(r -> r.chatCall().model().equals("switched-model"));
        assertThat(new SettingsStore(org.springframework.jdbc.core.simple.JdbcClient.create(dataSource))
                .load(engines.defaults()).model()).isEqualTo("switched-model");
    }

    @Autowired javax.sql.DataSource dataSource;

    @Test
    void anEnglishArticleIsTranslatedIntoChineseWithItsOwnPrompt() throws InterruptedException {
        String post = """
                ---
                title: "Central bank cuts rates"
                date: 2024-05-20T06:00:00Z
                from: https://example.test/english
                ---
                <p>The central bank cut its benchmark rate on Monday, the first cut in two years.</p>
                <p>Analysts expect further easing later this year as growth slows.</p>
                <p>Markets rose after the announcement, with bank shares leading the gains.</p>
                """;
        long id = importer.importFile("english.md", post.getBytes(StandardCharsets.UTF_8)).articleId();
        assertThat(library.snapshot(id).orElseThrow().language()).isEqualTo("en");

        finish(translation.start(id, false));

        assertThat(server.chatRequests()).filteredOn(r -> !r.chatCall().isSummary())
                .allMatch(r -> r.chatCall().systemPrompt().contains("simplified Chinese"));
        assertThat(library.snapshot(id).orElseThrow().blocks()).filteredOn(b -> !b.isImage())
                .allMatch(b -> b.machineEnglish().equals(FakeReply.translationOf(b.position(), b.text()).strip()));
    }
}
