package app.duizhao.browser;

import app.duizhao.testsupport.HeadlessChromium;

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

    /** Clicks word {@code i} of the rows and resolves with the milliseconds until the popup shows that word. */
    static final String TIMED_CLICK = """
            (i) => new Promise(resolve => {
              const w = document.querySelectorAll('#rows .dz-w')[i];
              const word = w.textContent;
              const popup = document.getElementById('word-popup');
              const shown = () => !popup.hidden && popup.getAttribute('data-word') === word && popup.offsetParent !== null;
              const t0 = performance.now();
              const observer = new MutationObserver(() => {
                if (shown()) { observer.disconnect(); resolve([word, performance.now() - t0]); }
              });
              observer.observe(document.body, {attributes: true, childList: true, subtree: true});
              w.click();
            })
            """;

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

        // Click-to-popup latency, measured in the page.
        List<Double> times = new ArrayList<>();
        int words = ((Number) page.evaluate("document.querySelectorAll('#rows .dz-w').length")).intValue();
        for (int i = 0; i < 20; i++) {
            List<?> result = (List<?>) page.evaluate(TIMED_CLICK, (i * 37 + 5) % words);
            times.add(((Number) result.get(1)).doubleValue());
        }
        List<Double> sorted = times.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "click-to-popup: median %.1f ms, p90 %.1f ms, max %.1f ms (%d clicks)%n",
                sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.9)), sorted.getLast(), sorted.size());
        page.keyboard().press("Escape");
        popup.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));

        // Pinyin above every word; the reading follows the word.
        page.locator("#pinyin-toggle").click();
        page.locator("#rows rt").first().waitFor();
        Locator ruby = page.locator(".dz-row[data-index='0'] .dz-w[data-i='" + ambassadorIndex + "']");
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
}
