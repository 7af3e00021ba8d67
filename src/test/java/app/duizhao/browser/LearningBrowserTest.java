package app.duizhao.browser;

import app.duizhao.importing.ImportService;
import app.duizhao.study.NewVocabularyWord;
import app.duizhao.study.StudyTables;
import app.duizhao.study.VocabularyService;
import app.duizhao.testsupport.Fixtures;
import app.duizhao.testsupport.HeadlessChromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learning loop in a real browser (issue 16): Listen reads through a stub of {@code speechSynthesis} injected
 * into the page (it queues utterances like the real one, starts and ends them in turn, and records what it was asked
 * to say and which words were highlighted meanwhile); without a Chinese voice the button says so; the review runs
 * from the keyboard alone and links back to the paragraph. Screenshots at 1280x800 and 390x844, light and dark.
 */
// A database of its own: the due count and the levels it checks are the whole library's and the whole review's, which
// other browser tests in a shared context (their highlights, their articles) would change.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:learning-browser;DB_CLOSE_DELAY=-1")
@ActiveProfiles("test")
class LearningBrowserTest {

    static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;

    /** A speechSynthesis that behaves like the browser's (a queue, onstart then onend) but makes no sound. */
    static String speechStub(boolean chineseVoice) {
        return """
                (() => {
                  window.__spoken = []; window.__highlighted = [];
                  const voices = %s;
                  window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ''; this.rate = 1; this.voice = null; };
                  const queue = [];
                  let busy = false;
                  function next() {
                    if (busy || !queue.length) { return; }
                    busy = true;
                    const u = queue.shift();
                    setTimeout(() => {
                      u.onstart && u.onstart();
                      window.__highlighted.push(Array.from(document.querySelectorAll('.dz-w.dz-speaking')).map(w => w.textContent).join(''));
                      setTimeout(() => { busy = false; u.onend && u.onend(); next(); }, 30);
                    }, 5);
                  }
                  const synth = {
                    getVoices() { return voices; },
                    addEventListener() {},
                    cancel() { queue.length = 0; },
                    speak(u) { window.__spoken.push({ text: u.text, rate: u.rate, lang: u.lang, voice: u.voice && u.voice.name }); queue.push(u); next(); }
                  };
                  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
                })();
                """.formatted(chineseVoice
                ? "[{ name: 'Stub Mandarin', lang: 'zh-CN', voiceURI: 'stub-zh', localService: true, default: false },"
                + " { name: 'Stub English', lang: 'en-US', voiceURI: 'stub-en', localService: true, default: true }]"
                : "[{ name: 'Stub English', lang: 'en-US', voiceURI: 'stub-en', localService: true, default: true }]");
    }

    static HeadlessChromium chromium;
    static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    ImportService importer;

    @Autowired
    VocabularyService vocabulary;

    @Autowired
    ApplicationContext context;

    @Autowired
    app.duizhao.study.ArticleWords articleWords;

    @BeforeAll
    static void launchBrowser() throws Exception {
        chromium = HeadlessChromium.launch();
        browser = chromium.browser();
    }

    @AfterAll
    static void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private Page page(int width, int height, boolean chineseVoice) {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(width, height));
        page.setDefaultTimeout(30_000);
        page.addInitScript(speechStub(chineseVoice));
        return page;
    }

    @Test
    void listenReadsTheSentenceAndTheParagraphAloudHighlightingEachSentenceAtTheChosenRate() {
        StudyTables.clear(context);
        long articleId = importer.importFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost()).articleId();
        Page page = page(1280, 800, true);
        page.navigate("http://127.0.0.1:" + port + "/articles/" + articleId);
        page.locator("#rows .dz-w").first().waitFor();
        page.waitForFunction("() => document.querySelector('#listen').dataset.voice === 'Stub Mandarin'");
        String paragraph = page.locator(".dz-row[data-index='0'] .dz-zh").textContent();

        page.locator(".dz-row[data-index='0'] .dz-w", new Page.LocatorOptions().setHasText("大使")).first().click();
        page.keyboard().press("Escape");
        page.locator("#listen-sentence").click();
        page.waitForFunction("() => window.__highlighted.length === 1");
        List<?> spoken = (List<?>) page.evaluate("window.__spoken");
        assertThat(spoken).hasSize(1);
        Map<?, ?> first = (Map<?, ?>) spoken.getFirst();
        String sentence = (String) first.get("text");
        assertThat(sentence).startsWith("中国驻美大使秦刚").endsWith("。");
        assertThat(paragraph).startsWith(sentence);
        assertThat(first.get("voice")).isEqualTo("Stub Mandarin");
        assertThat(first.get("lang")).isEqualTo("zh-CN");
        assertThat(((Number) first.get("rate")).doubleValue()).isEqualTo(0.9);
        String highlighted = (String) ((List<?>) page.evaluate("window.__highlighted")).getFirst();
        assertThat(highlighted).isNotEmpty().contains("大使");
        // Every Chinese word of the sentence is highlighted (digits and punctuation are not word spans).
        assertThat(sentence.replaceAll("[\\p{P}\\s0-9]", "")).isEqualTo(highlighted.replaceAll("[\\p{P}\\s0-9]", ""));

        // A faster rate, then the whole paragraph, sentence by sentence.
        page.evaluate("() => { const r = document.querySelector('#listen-rate'); r.value = '1.2';"
                + " r.dispatchEvent(new Event('input')); }");
        assertThat(page.locator("#listen-rate-value").textContent()).isEqualTo("1.2×");
        page.evaluate("() => { window.__spoken = []; window.__highlighted = []; }");
        int several = ((Number) page.evaluate("() => { const r = Array.from(document.querySelectorAll('.dz-row'))"
                + ".find(r => r.querySelector('.dz-zh') && (r.querySelector('.dz-zh').textContent.match(/[。！？]/g) || [])"
                + ".length >= 2); return r ? +r.dataset.index : -1; }")).intValue();
        assertThat(several).as("a paragraph of several sentences").isNotNegative();
        paragraph = page.locator(".dz-row[data-index='" + several + "'] .dz-zh").textContent();
        page.locator(".dz-row[data-index='" + several + "'] .dz-w").first().click();
        page.keyboard().press("Escape");
        page.locator("#listen-paragraph").click();
        page.waitForFunction("() => window.__spoken.length > 0 && window.__highlighted.length === window.__spoken.length");
        List<?> sentences = (List<?>) page.evaluate("window.__spoken.map(s => s.text)");
        assertThat(String.join("", sentences.stream().map(String::valueOf).toList()).replaceAll("\\s", ""))
                .isEqualTo(paragraph.replaceAll("\\s", ""));
        assertThat(sentences.size()).isGreaterThan(1);
        assertThat((List<?>) page.evaluate("window.__spoken.map(s => s.rate)")).allSatisfy(
                rate -> assertThat(((Number) rate).doubleValue()).isEqualTo(1.2));
        page.waitForFunction("() => !document.querySelector('.dz-w.dz-speaking')");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("learning-listen-desktop.png")));
        page.close();
    }

    @Test
    void withoutAChineseVoiceTheListenButtonSaysSo() {
        StudyTables.clear(context);
        long articleId = importer.importFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost()).articleId();
        Page page = page(390, 844, false);
        page.navigate("http://127.0.0.1:" + port + "/articles/" + articleId);
        page.locator("#rows .dz-w").first().waitFor();
        page.waitForFunction("() => document.querySelector('#listen-sentence').disabled");
        assertThat(page.locator("#listen-sentence").textContent()).isEqualTo("No Chinese voice in this browser");
        assertThat(page.locator("#listen-paragraph").isDisabled()).isTrue();
        assertThat(page.locator("#listen-status").textContent()).contains("Chinese (zh-CN) voice");
        assertThat((List<?>) page.evaluate("window.__spoken")).isEmpty();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("learning-listen-novoice-phone.png")));
        page.close();
    }

    @Test
    void theReviewRunsFromTheKeyboardAndLinksBackToTheParagraph() {
        StudyTables.clear(context);
        long articleId = importer.importFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost()).articleId();
        vocabulary.add(new NewVocabularyWord("大使", "大使", "dà shǐ", "ambassador", "中国驻美大使秦刚表示。",
                "Ambassador Qin Gang said.", articleId));
        vocabulary.add(new NewVocabularyWord("外交", "外交", "wài jiāo", "diplomacy", null, null, articleId));
        for (String theme : new String[]{"light", "dark"}) {
            for (int[] size : new int[][]{{1280, 800}, {390, 844}}) {
                Page shot = page(size[0], size[1], true);
                shot.navigate("http://127.0.0.1:" + port + "/review");
                shot.locator("#review-word").waitFor();
                shot.evaluate("t => t === 'dark' ? document.documentElement.setAttribute('theme', 'dark')"
                        + " : document.documentElement.removeAttribute('theme')", theme);
                shot.keyboard().press("Space");
                shot.locator("#review-pinyin").waitFor();
                shot.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(
                        "learning-review-" + theme + "-" + size[0] + ".png")));
                shot.close();
            }
        }

        Page page = page(1280, 800, true);
        page.navigate("http://127.0.0.1:" + port + "/review");
        page.locator("#review-word").waitFor();
        assertThat(page.locator("#review-due").textContent()).isEqualTo("2");
        assertThat(page.locator("#review-word").textContent()).isEqualTo("大使");
        assertThat(page.locator("#review-sentence mark").textContent()).isEqualTo("大使");
        assertThat(page.locator("#review-pinyin").count()).isZero();
        assertThat(page.locator("#review-source-link").getAttribute("href")).isEqualTo("/articles/" + articleId + "#block-0");

        page.keyboard().press("Space");
        page.locator("#review-pinyin").waitFor();
        assertThat(page.locator("#review-pinyin").textContent()).isEqualTo("dà shǐ");
        assertThat(page.locator("#review-definitions").textContent()).contains("ambassador");
        assertThat(page.locator("#review-english").textContent()).isEqualTo("Ambassador Qin Gang said.");
        page.keyboard().press("4"); // easy: due in days, leaves this session
        page.locator("#review-word", new Page.LocatorOptions().setHasText("外交")).waitFor();
        page.keyboard().press("Enter");
        page.locator("#review-pinyin").waitFor();
        page.keyboard().press("1"); // again: back in a minute, at the end of this session's queue
        page.locator("#review-remaining", new Page.LocatorOptions().setHasText("2 done")).waitFor();
        assertThat(page.locator("#review-word").textContent()).isEqualTo("外交");
        assertThat(page.locator("#review-pinyin").count()).isZero();
        page.keyboard().press("Space");
        page.locator("#review-pinyin").waitFor();
        page.keyboard().press("3");
        page.locator("#review-remaining", new Page.LocatorOptions().setHasText("3 done")).waitFor();

        page.navigate("http://127.0.0.1:" + port + "/articles/" + articleId + "#block-3");
        page.locator(".dz-row.dz-linked[data-index='3']").waitFor(new Locator.WaitForOptions()
                .setState(WaitForSelectorState.ATTACHED));
        page.close();
    }

    @Test
    void theLibraryShowsEachArticlesLevelForTheReaderAndFiltersTheOnesTheyCanRead() {
        StudyTables.clear(context);
        long seed = importer.importFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost()).articleId();
        long other = importer.importText("量子计算机的研制需要超导材料和精密的低温设备。研究人员正在攻克退相干难题。").articleId();
        articleWords.markRestKnown(seed);
        for (String theme : new String[]{"light", "dark"}) {
            for (int[] size : new int[][]{{1280, 800}, {390, 844}}) {
                Page shot = page(size[0], size[1], true);
                shot.navigate("http://127.0.0.1:" + port + "/");
                shot.locator(".dz-level-cell").first().waitFor();
                shot.evaluate("t => t === 'dark' ? document.documentElement.setAttribute('theme', 'dark')"
                        + " : document.documentElement.removeAttribute('theme')", theme);
                shot.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(
                        "learning-library-" + theme + "-" + size[0] + ".png")).setFullPage(size[0] > 1000));
                shot.close();
            }
        }
        Page page = page(1280, 800, true);
        page.navigate("http://127.0.0.1:" + port + "/");
        page.locator(".dz-level-cell.dz-level-easy").first().waitFor();
        assertThat(page.locator(".dz-level-cell.dz-level-easy").first().textContent()).isEqualTo("0 % (0)");
        // The other article shares only a few words with the seed post.
        assertThat(page.locator(".dz-level-cell.dz-level-hard").first().textContent()).matches("\\d+ % \\(\\d+\\)");
        assertThat(page.locator(".dz-level-cell.dz-level-easy").first().getAttribute("title")).contains("HSK 1: ", "names: ");
        page.locator("#level-filter").click();
        page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText("≤ 5 %")).click();
        page.waitForFunction("() => document.querySelector('#article-count').textContent.includes('match')");
        // One of all the articles in the library (other tests in this application context add theirs) is readable.
        assertThat(page.locator("#article-count").textContent()).startsWith("1 of ");
        assertThat(page.locator(".dz-level-cell.dz-level-hard").count()).isZero();
        assertThat(other).isNotEqualTo(seed);

        Page vocabularyPage = page(1280, 800, true);
        vocabularyPage.navigate("http://127.0.0.1:" + port + "/vocabulary");
        vocabularyPage.locator("#known-list").waitFor();
        vocabularyPage.locator("#known-list textarea").fill("量子\n超导\n");
        vocabularyPage.locator("#known-import").click();
        vocabularyPage.locator("#known-result", new Page.LocatorOptions().setHasText("2 words read")).waitFor();
        vocabularyPage.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("learning-vocabulary-anki-1280.png"))
                .setFullPage(true));
        vocabularyPage.close();
        page.close();
    }
}
