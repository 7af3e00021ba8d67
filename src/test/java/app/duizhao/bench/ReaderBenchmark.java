package app.duizhao.bench;

import app.duizhao.DuizhaoApplication;
import app.duizhao.importing.ImportService;
import app.duizhao.library.LibraryService;
import app.duizhao.testsupport.FakeLlmServer;
import app.duizhao.testsupport.Fixtures;
import app.duizhao.testsupport.HeadlessChromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The reader's layout in headless Chromium (issue 13): where the first paragraph starts and how many controls stand
 * above it (1280×800 and 390×844), the cumulative layout shift while an article translates with the page open
 * (Layout Instability API; against the test suite's fake OpenAI-compatible server), and the time from navigation to
 * the first paragraph visible for the seed post and the corpus post with the most blocks (505 in the shared corpus,
 * skipped with a message when the corpus is absent). Prints {@code name: value unit} lines.
 */
public final class ReaderBenchmark {

    private static final String CONTROLS = "a[href], button, input, select, textarea, summary, [role=button], "
            + "vaadin-button, vaadin-checkbox, vaadin-select, vaadin-text-field, vaadin-text-area, vaadin-combo-box, "
            + "vaadin-details-summary, vaadin-upload";

    private ReaderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("vaadin.launch-browser", "false");
        try (FakeLlmServer llm = FakeLlmServer.start().chunkSize(5).chunkDelay(Duration.ofMillis(15));
             ConfigurableApplicationContext context = new SpringApplicationBuilder(DuizhaoApplication.class)
                     .profiles("test").properties("server.port=0", "logging.level.root=WARN",
                             "spring.main.banner-mode=off", "duizhao.llm.provider=openai",
                             "duizhao.llm.base-url=" + llm.baseUrl(), "duizhao.llm.model=fake-gpt",
                             "duizhao.llm.api-key=sk-bench", "duizhao.reader.auto-translate=true").run(args);
             HeadlessChromium chromium = HeadlessChromium.launch()) {
            run(context, chromium.browser());
        }
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext context, Browser browser) throws Exception {
        ImportService importer = context.getBean(ImportService.class);
        String base = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
        int copy = 0;
        for (int[] size : new int[][]{{1280, 800}, {390, 844}}) {
            String name = size[0] > 700 ? "desktop" : "phone";
            long id = importer.importFile("bench-" + (++copy) + ".md", seedCopy(copy)).articleId();
            Page page = page(browser, size[0], size[1]);
            long start = System.nanoTime();
            page.navigate(base + "/articles/" + id);
            page.locator(".dz-row[data-index='0']").waitFor();
            if (size[0] > 700) {
                print("reader.seed.first-paragraph-visible", (System.nanoTime() - start) / 1e6, "ms");
            }
            page.waitForSelector("#status:has-text('Translated.')", new Page.WaitForSelectorOptions()
                    .setTimeout(180_000));
            page.waitForTimeout(300);
            double top = ((Number) page.evaluate("document.querySelector('.dz-row[data-index=\"0\"]')"
                    + ".getBoundingClientRect().top")).doubleValue();
            int controls = ((Number) page.evaluate("([selector, y]) => [...document.querySelectorAll(selector)]"
                    + ".filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0"
                    + " && r.top < y && !e.parentElement.closest(selector); }).length", List.of(CONTROLS, top)))
                    .intValue();
            print("reader." + name + ".first-paragraph-top", top, "px");
            print("reader." + name + ".controls-above-first-paragraph", controls, "controls");
            print("reader." + name + ".layout-shift-while-translating",
                    ((Number) page.evaluate("window.__cls")).doubleValue(), "CLS");
            page.context().close();
        }
        Optional<Path> biggest = Fixtures.corpus().flatMap(ReaderBenchmark::mostBlocks);
        if (biggest.isEmpty()) {
            System.err.println("The shared corpus is absent: skipping the 505-block post.");
            return;
        }
        long id = importer.importFile(biggest.get().getFileName().toString(), Files.readAllBytes(biggest.get()))
                .articleId();
        int blocks = context.getBean(LibraryService.class).snapshot(id).orElseThrow().blocks().size();
        print("reader.largest.blocks", blocks, "blocks");
        Page page = page(browser, 1280, 800);
        long start = System.nanoTime();
        page.navigate(base + "/articles/" + id);
        page.locator(".dz-row[data-index='0']").waitFor();
        print("reader.largest.first-paragraph-visible", (System.nanoTime() - start) / 1e6, "ms");
        page.context().close();
    }

    private static Page page(Browser browser, int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
        context.addInitScript("window.__cls = 0; new PerformanceObserver(l => { for (const e of l.getEntries())"
                + " if (!e.hadRecentInput) window.__cls += e.value; }).observe({type: 'layout-shift', buffered: true});");
        Page page = context.newPage();
        page.setDefaultTimeout(120_000);
        return page;
    }

    private static byte[] seedCopy(int copy) {
        return (new String(Fixtures.seedPost(), StandardCharsets.UTF_8) + "\n<p>第" + copy + "次基准。</p>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The corpus post with the most paragraphs (by its count of block-level tags, a cheap proxy). */
    private static Optional<Path> mostBlocks(Path corpus) {
        Path posts = corpus.resolve("posts");
        try (Stream<Path> files = Files.list(Files.isDirectory(posts) ? posts : corpus)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .max(Comparator.comparingLong(ReaderBenchmark::blockTags));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static long blockTags(Path post) {
        try {
            String text = Files.readString(post);
            return text.split("(?i)<(p|li|h[1-6]|tr|blockquote)[\\s>]", -1).length;
        } catch (Exception e) {
            return 0;
        }
    }

    private static void print(String name, double value, String unit) {
        System.out.println(String.format(Locale.ROOT, "%s: %.3f %s", name, value, unit));
    }
}
