package app.duizhao.browser;

import app.duizhao.annotation.AnnotationService;
import app.duizhao.annotation.HighlightColour;
import app.duizhao.annotation.HighlightInfo;
import app.duizhao.annotation.Side;
import app.duizhao.importing.ImportService;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Highlighting in a real browser: select a few characters of a Chinese paragraph with the mouse, pick a colour and
 * write a note, and see the mark drawn, stored, and drawn again after a reload.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AnnotationBrowserTest {

    static Playwright playwright;
    static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    ImportService importer;

    @Autowired
    AnnotationService annotations;

    @BeforeAll
    static void launchBrowser() throws Exception {
        String chromium = BrowserFlowTest.chromiumPath();
        assumeTrue(chromium != null, "Chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH): "
                + "skipping the real-browser test");
        Files.createDirectories(BrowserFlowTest.SCREENSHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(chromium))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void selectingChineseTextHighlightsItAndTheMarkSurvivesAReload() {
        String first = "中国驻美大使秦刚表示，中美关系的大球仍需小球推动。";
        long id = importer.importText(first + "\n\n第二段文字。" + System.nanoTime()).articleId();
        // An English highlight made earlier is drawn too, on the other side.
        annotations.correctEnglish(id, 0, "Ambassador Qin Gang said the big ball still needs the small ball.");
        annotations.addHighlight(id, 0, Side.EN, 11, 19, HighlightColour.BLUE, null);

        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 900));
        page.setDefaultTimeout(60_000);
        page.navigate("http://127.0.0.1:" + port + "/articles/" + id);
        Locator zh = page.locator(".dz-row[data-index='0'] .dz-zh");
        zh.waitFor();
        page.locator(".dz-row[data-index='0'] .dz-en-text mark.dz-hl-blue").waitFor();

        // Drag the mouse across 秦刚 (characters 6 and 7).
        @SuppressWarnings("unchecked")
        Map<String, Number> box = (Map<String, Number>) zh.evaluate("""
                cell => {
                  const text = cell.firstChild.nodeType === 3 ? cell.firstChild
                      : document.createTreeWalker(cell, NodeFilter.SHOW_TEXT).nextNode();
                  const range = document.createRange();
                  range.setStart(text, 6);
                  range.setEnd(text, 8);
                  const r = range.getClientRects()[0];
                  return { left: r.left, right: r.right, y: r.top + r.height / 2 };
                }""");
        double y = box.get("y").doubleValue();
        page.mouse().move(box.get("left").doubleValue() + 1, y);
        page.mouse().down();
        page.mouse().move(box.get("right").doubleValue() - 1, y, new com.microsoft.playwright.Mouse.MoveOptions()
                .setSteps(5));
        page.mouse().up();

        page.locator("#highlight-popover").waitFor();
        page.locator("#highlight-popover .dz-hl-note textarea").fill("The ambassador");
        page.locator("#hl-colour-green").click();

        Locator mark = page.locator(".dz-row[data-index='0'] .dz-zh mark.dz-hl-green");
        mark.waitFor();
        assertThat(mark.textContent()).isEqualTo("秦刚");
        assertThat(zh.textContent()).startsWith(first);
        HighlightInfo stored = annotations.highlights(id).stream().filter(h -> h.side() == Side.ZH).findFirst()
                .orElseThrow();
        assertThat(stored.exact()).isEqualTo("秦刚");
        assertThat(stored.start()).isEqualTo(6);
        assertThat(stored.colour()).isEqualTo(HighlightColour.GREEN);
        assertThat(stored.note()).isEqualTo("The ambassador");
        page.screenshot(new Page.ScreenshotOptions().setPath(BrowserFlowTest.SCREENSHOTS.resolve("highlight.png")));

        page.reload();
        Locator again = page.locator(".dz-row[data-index='0'] .dz-zh mark.dz-hl-green");
        again.waitFor();
        assertThat(again.textContent()).isEqualTo("秦刚");
        assertThat(again.getAttribute("title")).isEqualTo("The ambassador");
        assertThat(page.locator(".dz-row[data-index='0'] .dz-en-text mark.dz-hl-blue").textContent())
                .isEqualTo("Qin Gang");
        assertThat(zh.textContent()).startsWith(first);
        page.close();
    }

    @Test
    void unsavedNoteTextIsAutosavedAndOfferedBackAfterTheTabIsClosed() throws Exception {
        long id = importer.importText("自动保存的第一段。\n\n自动保存的第二段。" + System.nanoTime()).articleId();
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 900));
        page.setDefaultTimeout(60_000);
        page.navigate("http://127.0.0.1:" + port + "/articles/" + id);
        page.locator(".dz-row[data-index='1'] .dz-add-note").click();
        page.locator(".dz-row[data-index='1'] vaadin-text-area[data-field='note'] textarea")
                .pressSequentially("typed but never saved", new Locator.PressSequentiallyOptions().setDelay(10));

        long deadline = System.nanoTime() + 20_000_000_000L;
        while (annotations.drafts(id).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(annotations.drafts(id)).singleElement()
                .satisfies(draft -> assertThat(draft.text()).isEqualTo("typed but never saved"));
        page.close();

        Page again = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 900));
        again.setDefaultTimeout(60_000);
        again.navigate("http://127.0.0.1:" + port + "/articles/" + id);
        Locator notice = again.locator("#drafts");
        notice.waitFor();
        assertThat(notice.textContent()).contains("Restored from autosave", "Paragraph 2, note",
                "typed but never saved");
        again.locator("#drafts .dz-draft-apply").click();
        again.locator(".dz-row[data-index='1'] .dz-note:has-text('typed but never saved')").waitFor();
        again.close();
    }
}
