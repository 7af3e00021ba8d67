package app.duizhao.browser;

import app.duizhao.testsupport.HeadlessChromium;

import app.duizhao.testsupport.FakeLlmServer;
import app.duizhao.testsupport.FakeReply;
import app.duizhao.testsupport.Fixtures;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.WaitForSelectorState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole flow in a real browser (Debian's headless Chromium): upload the seed post, translate it against an
 * OpenAI-compatible server started by the test, and see each Chinese paragraph facing its own English.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BrowserFlowTest {

    static final FakeLlmServer llm = FakeLlmServer.start().chunkSize(5).chunkDelay(Duration.ofMillis(15));
    static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;

    static HeadlessChromium chromium;
    static Browser browser;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void llmProperties(DynamicPropertyRegistry registry) {
        registry.add("duizhao.llm.provider", () -> "openai");
        registry.add("duizhao.llm.base-url", llm::baseUrl);
        registry.add("duizhao.llm.model", () -> "fake-gpt");
        registry.add("duizhao.llm.api-key", () -> "sk-browser-test");
    }

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
        llm.close();
    }

    @Test
    void uploadingTheSeedPostAndTranslatingItShowsEachParagraphBesideItsOwnEnglish(@TempDir Path temp)
            throws Exception {
        Path post = Fixtures.seedPostFile(temp);
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 900));
        page.setDefaultTimeout(60_000);
        page.navigate("http://127.0.0.1:" + port + "/");
        page.waitForSelector("vaadin-upload");

        FileChooser chooser = page.waitForFileChooser(() -> page.locator("vaadin-upload vaadin-button").first().click());
        chooser.setFiles(post);
        page.waitForURL("**/articles/*");

        Locator rows = page.locator(".dz-row");
        rows.first().waitFor();
        assertThat(rows.count()).isEqualTo(6);
        assertThat(page.locator(".dz-title").textContent()).isEqualTo("秦刚：中美关系的大球仍需小球推动");

        page.locator("#translate").click();
        page.locator("#cancel").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        page.waitForSelector("#status:has-text('Translated.')",
                new Page.WaitForSelectorOptions().setTimeout(60_000));

        for (int i = 0; i < 6; i++) {
            Locator row = page.locator(".dz-row[data-index='" + i + "']");
            String chinese = row.locator(".dz-zh").textContent();
            String english = row.locator(".dz-en-text").textContent();
            assertThat(english).as("row %d faces the English of its own paragraph", i)
                    .isEqualTo(FakeReply.translationOf(i, chinese));
            BoundingBox left = row.locator(".dz-zh").boundingBox();
            BoundingBox right = row.locator(".dz-en").boundingBox();
            assertThat(right.x).as("English sits to the right on a wide screen").isGreaterThan(left.x + left.width - 1);
            assertThat(Math.abs(right.y - left.y)).as("both halves start on the same line").isLessThan(2);
        }
        assertThat(page.locator("#summary .dz-summary-text").textContent()).isNotBlank();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("reader-desktop.png")).setFullPage(false));

        page.setViewportSize(390, 844);
        Locator firstRow = page.locator(".dz-row[data-index='0']");
        page.waitForFunction("() => getComputedStyle(document.querySelector('.dz-row')).gridTemplateColumns.split(' ').length === 1");
        BoundingBox zh = firstRow.locator(".dz-zh").boundingBox();
        BoundingBox en = firstRow.locator(".dz-en").boundingBox();
        assertThat(en.y).as("on a phone the English stacks under its Chinese").isGreaterThanOrEqualTo(zh.y + zh.height - 1);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("reader-phone.png")));

        String markdown = page.waitForDownload(() -> page.locator("#export-markdown").click()).path().toString();
        String exported = Files.readString(Path.of(markdown));
        assertThat(exported).contains("title: \"秦刚：中美关系的大球仍需小球推动\"", FakeReply.translationOf(0,
                exported.isEmpty() ? "" : page.locator(".dz-row[data-index='0'] .dz-zh").textContent()));
        page.close();
    }
}
