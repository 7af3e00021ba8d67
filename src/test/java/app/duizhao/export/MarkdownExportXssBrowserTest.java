package app.duizhao.export;

import app.duizhao.annotation.AnnotatedArticle;
import app.duizhao.annotation.HighlightColour;
import app.duizhao.annotation.HighlightInfo;
import app.duizhao.annotation.Side;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import app.duizhao.testsupport.HeadlessChromium;
import com.microsoft.playwright.Page;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Markdown export of an article whose every outside field (title, author, source, link, tags, summary, Chinese,
 * English, notes, highlights and their notes, image address and caption, vocabulary, version message) carries script
 * payloads, rendered by a Markdown renderer that lets raw HTML through (commonmark-java's defaults, as many viewers
 * do) and opened in headless Chromium: nothing runs, no element carries an event handler, and every link and image
 * address is http(s).
 */
class MarkdownExportXssBrowserTest {

    /** Scripts in the forms stored XSS takes: raw HTML, escaped HTML, Markdown links, autolinks, references. */
    static final List<String> PAYLOADS = List.of(
            "<script>window.__xss=(window.__xss||0)+1</script>",
            "<img src=x onerror=\"window.__xss=(window.__xss||0)+1\">",
            "<svg onload=window.__xss=(window.__xss||0)+1>",
            "\"><img src=x onerror=window.__xss=(window.__xss||0)+1>",
            "<iframe src=\"javascript:parent.__xss=(parent.__xss||0)+1\"></iframe>",
            "<details open ontoggle=window.__xss=(window.__xss||0)+1>x</details>",
            "<input autofocus onfocus=window.__xss=(window.__xss||0)+1>",
            "<body onload=window.__xss=(window.__xss||0)+1>",
            "<style>*{background:url(javascript:window.__xss=1)}</style>",
            "<a href=\"javascript:window.__xss=(window.__xss||0)+1\">click</a>",
            "&lt;script&gt;window.__xss=(window.__xss||0)+1&lt;/script&gt;",
            "[click](javascript:window.__xss=(window.__xss||0)+1)",
            "![x](javascript:window.__xss=(window.__xss||0)+1)",
            "[click][r]\n\n[r]: javascript:window.__xss=(window.__xss||0)+1",
            "<javascript:window.__xss=(window.__xss||0)+1>",
            "[a](<java\tscript:window.__xss=1>)",
            "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=(window.__xss||0)+1>",
            "`<script>`</code><script>window.__xss=(window.__xss||0)+1</script>",
            "\\<script>window.__xss=(window.__xss||0)+1</script>");

    static final List<String> BAD_URLS = List.of("javascript:window.__xss=1", "java\tscript:window.__xss=1",
            "java\u0000script:window.__xss=1", " javascript:window.__xss=1", "JaVaScRiPt:window.__xss=1",
            "data:text/html,<script>window.__xss=1</script>", "vbscript:msgbox(1)",
            "https://example.org/a.png) ![y](javascript:window.__xss=1",
            "https://example.org/\"onerror=\"window.__xss=1", "https://example.org/<script>window.__xss=1</script>");

    @Test
    void theMarkdownExportOfScriptPayloadsInEveryFieldRunsNothingWhenRenderedWithHtmlAllowed() throws Exception {
        String markdown = new MarkdownExporter().export(hostileArticle(), hostileVocabulary());
        String html = HtmlRenderer.builder().build().render(Parser.builder().build().parse(markdown));

        try (HeadlessChromium chromium = HeadlessChromium.launch()) {
            Page page = chromium.browser().newPage();
            List<String> dialogs = new ArrayList<>();
            page.onDialog(dialog -> {
                dialogs.add(dialog.message());
                dialog.dismiss();
            });
            // Nothing leaves the page: an image or frame loaded from anywhere would be a finding of its own.
            page.route("**/*", route -> route.abort());
            page.setContent("<!doctype html><html><head><meta charset=utf-8></head><body>" + html + "</body></html>");
            page.waitForTimeout(500);
            Files.createDirectories(HeadlessChromium.SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(HeadlessChromium.SCREENSHOTS.resolve("markdown-export-xss.png")));

            assertThat(page.evaluate("() => window.__xss === undefined")).as("no payload ran").isEqualTo(true);
            assertThat(dialogs).isEmpty();
            assertThat(page.evaluate("() => document.querySelectorAll('script,iframe,object,embed,svg,math,style,"
                    + "input,details,body body').length")).as("no element of the payloads exists").isEqualTo(0);
            assertThat(page.evaluate("() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
                    + ".filter(a => a.name.startsWith('on')).length")).as("no event handler").isEqualTo(0);
            @SuppressWarnings("unchecked")
            List<String> protocols = (List<String>) page.evaluate("() => [...document.querySelectorAll('[href],[src]')]"
                    + ".map(e => new URL(e.getAttribute('href') ?? e.getAttribute('src'), 'https://relative.invalid/')"
                    + ".protocol)");
            assertThat(protocols).as("what links and images point to, resolved as a browser does").isNotEmpty()
                    .allSatisfy(protocol -> assertThat(protocol).isIn("http:", "https:"));
            assertThat(page.locator("img").count()).as("only the one http(s) image").isEqualTo(1);
            // The payloads are still there, as text the reader can see.
            assertThat((String) page.evaluate("() => document.body.innerText")).contains("<script>",
                    "onerror", "javascript:");
        }
    }

    private static AnnotatedArticle hostileArticle() {
        String all = String.join("\n\n", PAYLOADS);
        List<SnapshotBlock> blocks = new ArrayList<>();
        int position = 0;
        for (String payload : PAYLOADS) {
            blocks.add(new SnapshotBlock(position++, "paragraph", "中文" + payload + "结束", null,
                    "English " + payload + " end", "LLM", null, null, "Note " + payload));
            blocks.add(new SnapshotBlock(position++, "paragraph", "笔记", null, null, null, null, null, payload));
            blocks.add(new SnapshotBlock(position++, "heading", payload, null, null, null, payload, null, null));
            blocks.add(new SnapshotBlock(position++, "quote", payload, null, payload, "LLM", null, null, null));
            blocks.add(new SnapshotBlock(position++, "list-item", payload, null, payload, "LLM", null, null, null));
        }
        for (String url : BAD_URLS) {
            blocks.add(new SnapshotBlock(position++, "paragraph", "链接", null, null, null, null, null, url));
            blocks.add(new SnapshotBlock(position++, "image", "图片 " + PAYLOADS.getFirst(), url, null, null, null,
                    null, null));
        }
        blocks.add(new SnapshotBlock(position++, "image", "好图", "https://example.org/a (1).png", null, null, null,
                null, null));
        ArticleSnapshot snapshot = new ArticleSnapshot(1, PAYLOADS.get(1) + " 标题", PAYLOADS.get(2),
                PAYLOADS.get(3), "javascript:window.__xss=1", OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                PAYLOADS, PAYLOADS, "zh<script>", all, "LLM", "LLM", PAYLOADS.get(5), 2,
                OffsetDateTime.of(2026, 1, 2, 0, 0, 0, 0, ZoneOffset.UTC), PAYLOADS.get(9), blocks);
        List<HighlightInfo> highlights = new ArrayList<>();
        OffsetDateTime at = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String text = "中文" + PAYLOADS.get(i) + "结束";
            highlights.add(new HighlightInfo((long) i, i * 5, Side.ZH, text.substring(0, 3), "", "", 0, 3,
                    HighlightColour.YELLOW, PAYLOADS.get(i), false, at, at));
            highlights.add(new HighlightInfo(1000L + i, i * 5, Side.EN, PAYLOADS.get(i), "", "", 0, 5,
                    HighlightColour.PINK, PAYLOADS.get((i + 1) % PAYLOADS.size()), true, at, at));
        }
        return new AnnotatedArticle(snapshot, highlights, PAYLOADS);
    }

    private static List<VocabularyRow> hostileVocabulary() {
        return PAYLOADS.stream().map(p -> new VocabularyRow("词" + p, p, p, p, p)).toList();
    }
}
