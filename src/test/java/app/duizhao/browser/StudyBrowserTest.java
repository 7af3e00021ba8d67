package app.duizhao.browser;

import app.duizhao.testsupport.HeadlessChromium;
import app.duizhao.testsupport.PopupTiming;

import app.duizhao.importing.ImportService;
import app.duizhao.study.StudyTables;
import app.duizhao.testsupport.Fixtures;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.WaitForSelectorState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The study tools in a real browser (headless Chromium): click a word and see its dictionary popup (timing
 * click-to-popup), pinyin ruby, dark mode, the keys, and screenshots at desktop and phone width in
 * {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class StudyBrowserTest {

    static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;

    static final Page.WaitForSelectorOptions ATTACHED = new Page.WaitForSelectorOptions()
            .setState(WaitForSelectorState.ATTACHED);

    static HeadlessChromium chromium;
    static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    ImportService importer;

    @Autowired
    ApplicationContext context;

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

    @Test
    void clickingAWordShowsItsPopupAndPinyinDarkModeAndKeysWork() {
        StudyTables.clear(context);
        long articleId = importer.importFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost()).articleId();
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 900));
        page.setDefaultTimeout(30_000);
        page.navigate("http://127.0.0.1:" + port + "/articles/" + articleId);
        page.locator("#rows .dz-w").first().waitFor();
        assertThat(page.locator(".dz-row[data-index='0'] .dz-zh").textContent()).startsWith("中国驻美大使秦刚");

        // A real click on 大使 opens its entry.
        Locator ambassador = page.locator(".dz-row[data-index='0'] .dz-w", new Page.LocatorOptions().setHasText("大使")).first();
        String ambassadorIndex = ambassador.getAttribute("data-i");
        ambassador.click();
        Locator popup = page.locator("#word-popup");
        popup.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        assertThat(popup.textContent()).contains("dà shǐ", "ambassador");
        BoundingBox word = ambassador.boundingBox();
        BoundingBox box = popup.boundingBox();
        assertThat(box.y).as("the popup opens under the word").isGreaterThanOrEqualTo(word.y + word.height - 1);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("study-popup-desktop.png")));

        // Click-to-popup latency over 50 real clicks, the popup opened by the browser from the article's dictionary.
        page.waitForSelector(".dz-study[data-dictionary='ready']", ATTACHED);
        List<Double> toDom = new ArrayList<>();
        List<Double> toPaint = new ArrayList<>();
        int words = ((Number) page.evaluate("document.querySelectorAll('#rows .dz-w').length")).intValue();
        for (int i = 0; i < 50; i++) {
            List<?> result = PopupTiming.timedClick(page, (i * 37 + 5) % words);
            toDom.add(((Number) result.get(1)).doubleValue());
            toPaint.add(((Number) result.get(2)).doubleValue());
        }
        System.out.println("click-to-popup: " + PopupTiming.summary(toDom));
        System.out.println("click-to-popup-painted: " + PopupTiming.summary(toPaint));
        System.out.println(String.format(Locale.ROOT, "study.click-to-popup-max: %.1f ms", toDom.stream()
                .mapToDouble(Double::doubleValue).max().orElseThrow()));
        page.keyboard().press("Escape");
        popup.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));

        // The server still learns which word is open: a popup opened in the browser adds the word on the server.
        Locator relation = page.locator(".dz-row[data-index='0'] .dz-w", new Page.LocatorOptions().setHasText("关系")).first();
        relation.click();
        popup.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        page.locator("#word-popup .dz-popup-def").last().click();
        String chosen = page.locator("#word-popup .dz-popup-def.dz-chosen").textContent();
        page.locator("#popup-add").click();
        page.waitForSelector("#popup-vocab-status:has-text('Learning')");
        assertThat(context.getBean(app.duizhao.study.VocabularyService.class).find("关系").orElseThrow().definition())
                .isEqualTo(chosen);
        page.keyboard().press("Escape");
        popup.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));

        // Lookup on hover (a setting): resting the pointer on a word opens it, from the browser's dictionary.
        page.locator("#lookup-hover").click();
        page.locator("#rows.dz-lookup-hover").waitFor();
        Locator hovered = page.locator(".dz-row[data-index='2'] .dz-w").nth(3);
        String hoveredWord = hovered.textContent();
        hovered.hover();
        page.waitForSelector("#word-popup[data-word='" + hoveredWord + "']:not([hidden])");
        page.locator("#lookup-hover").click();
        page.locator("#rows:not(.dz-lookup-hover)").waitFor();
        page.keyboard().press("Escape");
        popup.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));

        // Pinyin above every word (here with the popup open: it moves with its word); the reading follows the word.
        Locator ruby = page.locator(".dz-row[data-index='0'] .dz-w[data-i='" + ambassadorIndex + "']");
        ruby.click();
        page.waitForSelector("#word-popup[data-word='大使']:not([hidden])");
        page.keyboard().press("p");
        page.locator("#rows rt").first().waitFor();
        page.waitForFunction("() => { const w = document.querySelector(\".dz-row[data-index='0'] .dz-w[data-i='"
                + ambassadorIndex + "']\"), p = document.getElementById('word-popup');"
                + " const a = w.getBoundingClientRect().bottom, b = p.getBoundingClientRect().top;"
                + " return !p.hidden && b >= a - 1 && b <= a + 12; }");
        page.keyboard().press("Escape");
        popup.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
        assertThat(ruby.locator("rt").allTextContents()).containsExactly("dà", "shǐ");
        page.locator("#tone-colours").click();
        page.locator("#rows.dz-tone-colours").waitFor();
        page.locator("#hsk-colours").click();
        page.locator("#rows.dz-hsk-on").waitFor();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("study-pinyin-desktop.png")));

        // Dark mode.
        page.locator("#theme-toggle").click();
        page.waitForSelector("body[theme~='dark']");
        page.waitForFunction("() => { const c = getComputedStyle(document.querySelector('.dz-app')).color;"
                + " const [r, g, b] = c.match(/\\d+/g).map(Number); return r + g + b > 450; }");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("study-dark-desktop.png")));

        // Keys: a click on a word of block 0 makes it current; j/k move.
        page.locator(".dz-row[data-index='0'] .dz-w").first().click();
        page.waitForSelector(".dz-row.dz-current[data-index='0']");
        page.keyboard().press("Escape");
        popup.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
        page.keyboard().press("j");
        page.waitForSelector(".dz-row.dz-current[data-index='1']");
        page.keyboard().press("j");
        page.waitForSelector(".dz-row.dz-current[data-index='2']");
        page.keyboard().press("k");
        page.waitForSelector(".dz-row.dz-current[data-index='1']");
        page.keyboard().press("p");
        page.waitForSelector("#rows rt", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.DETACHED));
        assertThat(page.locator(".dz-row[data-index='0'] .dz-zh").textContent()).startsWith("中国驻美大使秦刚");
        page.keyboard().press("?");
        page.locator("#keys-dialog").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
        page.waitForSelector("text=Next block");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("study-keys-desktop.png")));
        page.locator("#keys-close").click();
        page.waitForSelector("text=Next block", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.HIDDEN));
        page.keyboard().press("t");
        page.waitForSelector("#status:has-text('Glossed')", new Page.WaitForSelectorOptions().setTimeout(60_000));
        assertThat(page.locator(".dz-row[data-index='1'] .dz-en-text").textContent()).isNotBlank();
        page.waitForSelector(".dz-row.dz-revealed[data-index='1']");
        // Adding a word from the popup, in the browser.
        page.locator(".dz-row[data-index='1'] .dz-w").first().click();
        page.locator("#popup-add").click();
        page.waitForSelector("#popup-vocab-status:has-text('Learning')");

        // Phone width: rows stack, the popup fits.
        page.setViewportSize(390, 844);
        page.waitForFunction("() => getComputedStyle(document.querySelector('.dz-row')).gridTemplateColumns.split(' ').length === 1");
        page.locator(".dz-row[data-index='1'] .dz-w").first().click();
        popup.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        BoundingBox phonePopup = popup.boundingBox();
        assertThat(phonePopup.x + phonePopup.width).as("the popup fits a phone screen").isLessThanOrEqualTo(391);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("study-popup-phone.png")));
        page.locator("#theme-toggle").click();
        page.waitForSelector("body:not([theme~='dark'])");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("study-light-phone.png")).setFullPage(false));
        page.close();
    }

    @Test
    void withoutItsDictionaryTheServerOpensThePopupAndBothRenderersBuildTheSameHtml() {
        StudyTables.clear(context);
        long articleId = importer.importFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost()).articleId();
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 900));
        page.setDefaultTimeout(30_000);
        // Vaadin serves the article's dictionary as a dynamic resource: refuse it, so every click goes to the server.
        page.route(url -> url.contains("/VAADIN/dynamic/resource/"), route -> route.abort());
        page.navigate("http://127.0.0.1:" + port + "/articles/" + articleId);
        page.locator("#rows .dz-w").first().waitFor();
        page.waitForSelector(".dz-study[data-dictionary='failed']", ATTACHED);

        int words = ((Number) page.evaluate("document.querySelectorAll('#rows .dz-w').length")).intValue();
        List<Integer> sample = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            sample.add((i * 29 + 3) % words);
        }
        List<String> fromServer = new ArrayList<>();
        List<Double> serverTimes = new ArrayList<>();
        for (int i : sample) {
            List<?> result = PopupTiming.timedClick(page, i);
            serverTimes.add(((Number) result.get(1)).doubleValue());
            fromServer.add((String) page.evaluate("() => document.getElementById('word-popup').innerHTML"));
        }
        System.out.println("click-to-popup-through-the-server: " + PopupTiming.summary(serverTimes));

        page.unrouteAll();
        page.evaluate("() => window.__dzStudy.load(document.querySelector('.dz-study').getAttribute('data-dictionary-url'))");
        page.waitForSelector(".dz-study[data-dictionary='ready']", ATTACHED);
        List<String> fromBrowser = new ArrayList<>();
        for (int i : sample) {
            PopupTiming.timedClick(page, i);
            fromBrowser.add((String) page.evaluate("() => document.getElementById('word-popup').innerHTML"));
        }
        assertThat(fromServer).doesNotContain("");
        for (int k = 0; k < sample.size(); k++) {
            assertThat(fromBrowser.get(k)).as("word %d", sample.get(k)).isEqualTo(fromServer.get(k));
        }

        // A saved version (read-only) has the same popup from its own dictionary, without corrections.
        int number = context.getBean(app.duizhao.annotation.AnnotationService.class).saveVersion(articleId, "study").number();
        page.navigate("http://127.0.0.1:" + port + "/articles/" + articleId + "/versions/" + number);
        page.waitForSelector(".dz-study[data-dictionary='ready']", ATTACHED);
        Locator ambassador = page.locator(".dz-row[data-index='0'] .dz-w", new Page.LocatorOptions().setHasText("大使")).first();
        ambassador.click();
        page.waitForSelector("#word-popup[data-word='大使']:not([hidden])");
        assertThat(page.locator("#word-popup").textContent()).contains("dà shǐ", "ambassador", "Add to vocabulary")
                .doesNotContain("Segmentation");
        page.locator("#pinyin-toggle").click();
        page.locator("#rows rt").first().waitFor();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("study-version-desktop.png")));
        page.close();
    }
}
