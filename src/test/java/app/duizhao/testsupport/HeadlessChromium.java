package app.duizhao.testsupport;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium driven by Playwright, headless, with the flags this closed network needs. Real-browser tests
 * skip with a message where no Chromium is installed ({@code apt-get install chromium}, or set CHROMIUM_PATH).
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Where real-browser tests leave their screenshots. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Playwright playwright;
    private final Browser browser;

    private HeadlessChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Launches Chromium, or skips the calling test class when none is installed. */
    public static HeadlessChromium launch() throws java.io.IOException {
        String chromium = executable();
        assumeTrue(chromium != null, "Chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH): "
                + "skipping the real-browser test");
        Files.createDirectories(SCREENSHOTS);
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(chromium))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
        return new HeadlessChromium(playwright, browser);
    }

    /** The Chromium executable: CHROMIUM_PATH, else Debian's, else {@code null}. */
    public static String executable() {
        for (String candidate : new String[]{System.getenv("CHROMIUM_PATH"), "/usr/bin/chromium",
                "/usr/bin/chromium-browser"}) {
            if (candidate != null && Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
