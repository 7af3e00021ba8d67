package app.duizhao.browser;

import app.duizhao.testsupport.HeadlessChromium;

import app.duizhao.annotation.AnnotationService;
import app.duizhao.annotation.HighlightColour;
import app.duizhao.annotation.HighlightInfo;
import app.duizhao.annotation.Side;
import app.duizhao.importing.ImportService;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.util.Map;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Highlighting in a real browser: select a few characters of a Chinese paragraph with the mouse, pick a colour and
 * write a note, and see the mark drawn, stored, and drawn again after a reload.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AnnotationBrowserTest {

    static HeadlessChromium chromium;
    static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    ImportService importer;

    @Autowired
    AnnotationService annotations;

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
                  // The cell may be one text node or word spans: find characters 6 and 8 across text nodes,
                  // skipping pinyin (<rt>).
                  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT,
                      { acceptNode: n => n.parentElement.closest('rt') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT });
                  // A start offset belongs to the node it begins; an end offset to the node it closes.
                  const at = (offset, isEnd) => {
                    let seen = 0, node;
                    while ((node = walker.nextNode())) {
                      if (isEnd ? seen + node.length >= offset : seen + node.length > offset) return [node, offset - seen];
                      seen += node.length;
                    }
                  };
                  const start = at(6, false);
                  walker.currentNode = cell;
                  const end = at(8, true);
                  const range = document.createRange();
                  range.setStart(start[0], start[1]);
                  range.setEnd(end[0], end[1]);
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
