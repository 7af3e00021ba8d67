package app.duizhao.bench;

import app.duizhao.DuizhaoApplication;
import app.duizhao.importing.ImportService;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.LibraryService;
import app.duizhao.reader.ui.ReaderView;
import app.duizhao.study.StudyService;
import app.duizhao.study.WordLookup;
import app.duizhao.study.ui.ChineseHtml;
import app.duizhao.study.ui.WordPopup;
import app.duizhao.testsupport.Fixtures;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Study tools benchmark: dictionary lookup latency (what a click on a word costs the server: lookup + building the
 * popup), rendering an article's word spans, and the server memory held per open reader session. Prints
 * {@code name: value unit} lines. Uses the largest post of the shared corpus when present, else the seed post.
 */
public final class StudyBenchmark {

    private static final int SESSIONS = 20;

    private StudyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("vaadin.launch-browser", "false");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DuizhaoApplication.class)
                .profiles("test").properties("server.port=0", "logging.level.root=WARN",
                        "spring.main.banner-mode=off").run(args)) {
            run(context);
        }
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext context) throws Exception {
        ImportService importer = context.getBean(ImportService.class);
        LibraryService library = context.getBean(LibraryService.class);
        StudyService study = context.getBean(StudyService.class);

        Optional<Path> largest = Fixtures.corpus().flatMap(StudyBenchmark::largestPost);
        String name = largest.map(p -> p.getFileName().toString()).orElse(Fixtures.SEED_FILE_NAME);
        byte[] content = largest.isPresent() ? Files.readAllBytes(largest.get()) : Fixtures.seedPost();
        long articleId = importer.importFile(name, content).articleId();
        ArticleSnapshot article = library.snapshot(articleId).orElseThrow();
        int chars = article.blocks().stream().mapToInt(b -> b.text().length()).sum();
        print("study.article-blocks", article.blocks().size(), "blocks");
        expectedRows = article.blocks().size();
        print("study.article-chars", chars, "chars");

        // Segmenting and rendering the whole article (what opening the reader costs besides Vaadin).
        List<List<String>> words = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            words.clear();
            for (ArticleSnapshot.SnapshotBlock block : article.blocks()) {
                words.add(study.words(block.text()));
            }
        }
        app.duizhao.chinese.ChineseSegmenter segmenter = context.getBean(app.duizhao.chinese.ChineseSegmenter.class);
        long t0 = System.nanoTime();
        int html = 0;
        int rounds = 10;
        for (int round = 0; round < rounds; round++) {
            segmenter.forget(); // HanLP itself, as on the first opening of an article
            for (ArticleSnapshot.SnapshotBlock block : article.blocks()) {
                html += ChineseHtml.render(study.words(block.text()), false, study, Map.of()).length();
            }
        }
        print("study.segment-and-render-article", (System.nanoTime() - t0) / 1e6 / rounds, "ms");
        t0 = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            for (ArticleSnapshot.SnapshotBlock block : article.blocks()) {
                study.words(block.text());
            }
        }
        print("study.segment-article-remembered", (System.nanoTime() - t0) / 1e6 / rounds, "ms");
        t0 = System.nanoTime();
        int rubyHtml = 0;
        for (int round = 0; round < rounds; round++) {
            for (List<String> block : words) {
                rubyHtml += ChineseHtml.render(block, true, study, Map.of()).length();
            }
        }
        print("study.render-article-with-pinyin", (System.nanoTime() - t0) / 1e6 / rounds, "ms");
        print("study.article-html", html / rounds / 1024.0, "KiB");
        print("study.article-html-with-pinyin", rubyHtml / rounds / 1024.0, "KiB");

        // Lookup latency over the article's distinct Chinese words.
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(words.stream().flatMap(List::stream)
                .filter(StudyService::isChinese).toList()));
        for (String w : distinct) {
            study.lookup(w); // warm-up
        }
        double[] lookups = new double[distinct.size()];
        for (int i = 0; i < distinct.size(); i++) {
            long s = System.nanoTime();
            study.lookup(distinct.get(i));
            lookups[i] = (System.nanoTime() - s) / 1e3;
        }
        java.util.Arrays.sort(lookups);
        print("study.lookup-words", distinct.size(), "words");
        print("study.lookup-p50", lookups[lookups.length / 2], "us");
        print("study.lookup-p99", lookups[(int) (lookups.length * 0.99)], "us");
        print("study.lookup-max", lookups[lookups.length - 1], "us");

        // Lookup plus building the popup's components, in a mocked Vaadin UI.
        Routes routes = new Routes().autoDiscoverViews("app.duizhao");
        MockVaadin.setup(UI::new, new MockSpringServlet(routes, context, UI::new));
        WordPopup popup = new WordPopup();
        UI.getCurrent().add(popup);
        for (String w : distinct) {
            popup.show(study.lookup(w), true, true, NO_ACTIONS);
        }
        double[] popups = new double[distinct.size()];
        for (int i = 0; i < distinct.size(); i++) {
            long s = System.nanoTime();
            WordLookup lookup = study.lookup(distinct.get(i));
            popup.show(lookup, true, true, NO_ACTIONS);
            popups[i] = (System.nanoTime() - s) / 1e3;
        }
        java.util.Arrays.sort(popups);
        print("study.lookup-and-popup-p50", popups[popups.length / 2], "us");
        print("study.lookup-and-popup-p99", popups[(int) (popups.length * 0.99)], "us");
        MockVaadin.tearDown();

        // The article's dictionary the browser fetches once (what lets it open the popup without the server).
        app.duizhao.chinese.ChineseDictionary dictionary = context.getBean(app.duizhao.chinese.ChineseDictionary.class);
        String json = app.duizhao.study.ui.PopupDictionary.json(study, dictionary, distinct);
        t0 = System.nanoTime();
        for (int round = 0; round < 5; round++) {
            json = app.duizhao.study.ui.PopupDictionary.json(study, dictionary, distinct);
        }
        print("study.dictionary-json-build", (System.nanoTime() - t0) / 1e6 / 5, "ms");
        byte[] utf8 = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(utf8);
        }
        print("study.dictionary-json", utf8.length / 1024.0, "KiB");
        print("study.dictionary-json-gzip", gz.size() / 1024.0, "KiB");

        usedHeap();
        // Opening the reader: the time the request thread spends building it (what blocks the user's page).
        double[] opens = new double[5];
        for (int i = 0; i < opens.length; i++) {
            MockVaadin.setup(UI::new, new MockSpringServlet(routes, context, UI::new));
            long s = System.nanoTime();
            UI.getCurrent().navigate(ReaderView.class, articleId);
            opens[i] = (System.nanoTime() - s) / 1e6;
            MockVaadin.tearDown();
        }
        java.util.Arrays.sort(opens);
        print("study.reader-open-server-median", opens[opens.length / 2], "ms");
        print("study.reader-open-server-max", opens[opens.length - 1], "ms");
        MockVaadin.setup(UI::new, new MockSpringServlet(routes, context, UI::new));
        segmenter.forget();
        long s0 = System.nanoTime();
        UI.getCurrent().navigate(ReaderView.class, articleId);
        double open = (System.nanoTime() - s0) / 1e6;
        awaitWords();
        print("study.reader-open-server-not-remembered", open, "ms");
        print("study.reader-words-ready-not-remembered", (System.nanoTime() - s0) / 1e6, "ms");
        MockVaadin.tearDown();

        // Server memory per open reader session: open the reader in SESSIONS sessions and keep them.
        for (int warm = 0; warm < 2; warm++) {
            MockVaadin.setup(UI::new, new MockSpringServlet(routes, context, UI::new));
            UI.getCurrent().navigate(ReaderView.class, articleId);
            MockVaadin.tearDown();
        }
        for (boolean responded : new boolean[]{false, true}) {
            long before = usedHeap();
            List<Object> kept = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                MockVaadin.setup(UI::new, new MockSpringServlet(routes, context, UI::new));
                UI.getCurrent().navigate(ReaderView.class, articleId);
                awaitWords(); // long articles get their words in the background
                if (responded) {
                    respond(UI.getCurrent());
                }
                kept.add(VaadinSession.getCurrent());
                kept.add(UI.getCurrent());
            }
            long after = usedHeap();
            // Without a response (Karibu never writes one) the UI also holds every change not yet sent; a real
            // server drops them once it answered the browser, which "after-response" does here.
            print(responded ? "study.reader-session-memory-after-response" : "study.reader-session-memory",
                    (after - before) / (double) SESSIONS / 1024.0, "KiB/session");
            kept.clear();
            MockVaadin.tearDown();
        }
        print("study.reader-sessions-measured", SESSIONS, "sessions");

        long seedId = importer.importFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost()).articleId();
        browser(context, articleId, article.blocks().size(), seedId);
    }

    /**
     * Opening an article from the library's link in headless Chromium (the app already loaded, so the article and
     * not Vaadin's start-up is timed): until the first row shows, until every block has its words, and until the
     * browser has the article's dictionary (where the reader fetches one); then click-to-popup over 50 real clicks.
     */
    private static void browser(ConfigurableApplicationContext context, long articleId, int blocks, long seedId)
            throws InterruptedException {
        if (app.duizhao.testsupport.HeadlessChromium.executable() == null) {
            System.out.println("# no Chromium: browser figures skipped");
            return;
        }
        String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        try (app.duizhao.testsupport.HeadlessChromium chromium = app.duizhao.testsupport.HeadlessChromium.launch()) {
            double[] seed = openFromLibrary(chromium, base, seedId, 6);
            print("study.seed-open-browser-first-row-median", seed[0], "ms");
            double[] open = openFromLibrary(chromium, base, articleId, blocks);
            print("study.reader-open-browser-first-row-median", open[0], "ms");
            print("study.reader-open-browser-all-words-median", open[1], "ms");
            print("study.reader-open-browser-dictionary-ready-median", open[2], "ms");

            // Click-to-popup on the long article, 50 real clicks, once the browser has the article's dictionary.
            com.microsoft.playwright.Page page = chromium.browser().newPage(
                    new com.microsoft.playwright.Browser.NewPageOptions().setViewportSize(1280, 900));
            page.setDefaultTimeout(120_000);
            page.navigate(base + "/articles/" + articleId);
            page.waitForFunction(DICTIONARY_READY, null, new com.microsoft.playwright.Page.WaitForFunctionOptions()
                    .setPollingInterval(20));
            Thread.sleep(1000); // let the page settle: the clicks, not the page's start, are timed
            int words = ((Number) page.evaluate("document.querySelectorAll('#rows .dz-w').length")).intValue();
            List<Double> clicks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                List<?> result = app.duizhao.testsupport.PopupTiming.timedClick(page, (int) ((i * 7919L + 11) % words));
                clicks.add(((Number) result.get(1)).doubleValue());
            }
            List<Double> sorted = clicks.stream().sorted().toList();
            print("study.click-to-popup-p50", sorted.get(sorted.size() / 2), "ms");
            print("study.click-to-popup-p90", sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1), "ms");
            print("study.click-to-popup-max", sorted.getLast(), "ms");
            page.close();
        } catch (java.io.IOException e) {
            System.out.println("# browser figures failed: " + e);
        }
    }

    /** Words rendered, and the article's dictionary loaded where the reader fetches one. */
    private static final String DICTIONARY_READY = "() => { const s = document.querySelector('.dz-study');"
            + " return s && (!s.hasAttribute('data-dictionary-url') ? !!document.querySelector('#rows .dz-w')"
            + " : s.dataset.dictionary === 'ready'); }";

    /** Medians of 3 openings (after one to warm up): first row, all words, dictionary ready; in ms. */
    private static double[] openFromLibrary(app.duizhao.testsupport.HeadlessChromium chromium, String base,
                                            long articleId, int blocks) {
        double[][] times = new double[3][3];
        for (int round = 0; round <= 3; round++) {
            com.microsoft.playwright.Page page = chromium.browser().newPage(
                    new com.microsoft.playwright.Browser.NewPageOptions().setViewportSize(1280, 900));
            page.setDefaultTimeout(120_000);
            page.navigate(base + "/");
            com.microsoft.playwright.Locator link = page.locator("a[href='articles/" + articleId + "']").first();
            link.waitFor();
            long s = System.nanoTime();
            link.click();
            page.locator("#rows .dz-row[data-index='0'] .dz-zh").waitFor();
            double first = (System.nanoTime() - s) / 1e6;
            var polling = new com.microsoft.playwright.Page.WaitForFunctionOptions().setPollingInterval(20);
            page.waitForFunction("() => { const rows = document.querySelectorAll('#rows .dz-row');"
                    + " if (rows.length < " + blocks + ") return false;"
                    + " for (const r of rows) { const zh = r.querySelector('.dz-zh');"
                    + "   if (zh && !zh.querySelector('a') && /\\p{Script=Han}/u.test(zh.textContent) && !zh.querySelector('.dz-w')) return false; }"
                    + " return true; }", null, polling);
            double all = (System.nanoTime() - s) / 1e6;
            page.waitForFunction(DICTIONARY_READY, null, polling);
            double dictionary = (System.nanoTime() - s) / 1e6;
            if (round > 0) {
                times[0][round - 1] = first;
                times[1][round - 1] = all;
                times[2][round - 1] = dictionary;
            }
            page.close();
        }
        double[] medians = new double[3];
        for (int k = 0; k < 3; k++) {
            java.util.Arrays.sort(times[k]);
            medians[k] = times[k][1];
        }
        return medians;
    }

    private static final WordPopup.Actions NO_ACTIONS = new WordPopup.Actions() {
        @Override
        public void addToVocabulary(WordLookup lookup, String definition) {
        }

        @Override
        public void setStatus(app.duizhao.study.VocabularyEntry entry, app.duizhao.study.WordStatus status) {
        }

        @Override
        public void split(int at) {
        }

        @Override
        public void mergeWithPrevious() {
        }

        @Override
        public void mergeWithNext() {
        }

        @Override
        public void explainSentence() {
        }

        @Override
        public void close() {
        }
    };

    /** Waits until the reader in the current mock UI has the words of every block (pushed from a worker). */
    private static void awaitWords() throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            MockVaadin.clientRoundtrip(false);
            // The level profile comes once every block has its words; long articles send their rows in batches.
            if (profileShown(UI.getCurrent()) && allRowsShown(UI.getCurrent())) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the reader's words were not ready within 2 minutes");
    }

    /** Whether the reader's table holds a row for every block (a long article sends its rows in batches). */
    private static boolean allRowsShown(UI ui) {
        return ui.getChildren().flatMap(StudyBenchmark::descendants)
                .filter(c -> c.getId().filter("rows"::equals).isPresent())
                .allMatch(table -> table.getChildren().filter(r -> r.getClassName() != null
                        && r.getClassName().contains("dz-row")).count() >= expectedRows);
    }

    private static int expectedRows;

    private static boolean profileShown(UI ui) {
        return ui.getChildren().flatMap(StudyBenchmark::descendants)
                .anyMatch(c -> c.getId().filter("level-unknown"::equals).isPresent());
    }

    private static Stream<com.vaadin.flow.component.Component> descendants(com.vaadin.flow.component.Component c) {
        return Stream.concat(Stream.of(c), c.getChildren().flatMap(StudyBenchmark::descendants));
    }

    /** What writing a response to the browser does to the UI: collects the changes and the pending JavaScript. */
    private static void respond(UI ui) {
        MockVaadin.clientRoundtrip(false);
        ui.getInternals().getStateTree().collectChanges(change -> { });
        ui.getInternals().dumpPendingJavaScriptInvocations();
    }

    private static Optional<Path> largestPost(Path corpus) {
        Path posts = corpus.resolve("posts");
        try (Stream<Path> files = Files.list(Files.isDirectory(posts) ? posts : corpus)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .max(Comparator.comparingLong(p -> p.toFile().length()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void print(String name, double value, String unit) {
        System.out.println(String.format(Locale.ROOT, "%s: %.1f %s", name, value, unit));
    }
}
