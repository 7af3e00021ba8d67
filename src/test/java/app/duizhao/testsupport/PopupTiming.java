package app.duizhao.testsupport;

import com.microsoft.playwright.Page;

import java.util.List;
import java.util.Locale;

/** Times real clicks on words of the reader until the dictionary popup shows (real-browser tests, benchmarks). */
public final class PopupTiming {

    private PopupTiming() {
    }

    /**
     * Arms the timing of the next click on word {@code i} of the rows: resolves with the word, the milliseconds from
     * the click event (its timeStamp, taken when the browser dispatched the real mouse click) until the popup shows
     * that word, and until the next animation frame after that (when it is painted).
     */
    public static final String ARM_CLICK = """
            (i) => {
              const w = document.querySelectorAll('#rows .dz-w')[i];
              const word = w.textContent;
              const shown = () => { const popup = document.getElementById('word-popup'); return popup && !popup.hidden && popup.getAttribute('data-word') === word && popup.offsetParent !== null; };
              window.__dzTiming = new Promise(resolve => {
                let t0 = null;
                const start = e => { t0 = e.timeStamp; };
                document.addEventListener('click', start, {capture: true, once: true});
                const observer = new MutationObserver(() => {
                  if (t0 !== null && shown()) {
                    observer.disconnect();
                    const dom = performance.now() - t0;
                    requestAnimationFrame(() => resolve([word, dom, performance.now() - t0]));
                  }
                });
                observer.observe(document.body, {attributes: true, childList: true, subtree: true});
              });
              return word;
            }
            """;

    /** Milliseconds: median, p90 and max, as one line. */
    public static String summary(List<Double> times) {
        List<Double> sorted = times.stream().sorted().toList();
        return String.format(Locale.ROOT, "median %.1f ms, p90 %.1f ms, max %.1f ms (%d clicks)",
                sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1), sorted.getLast(),
                sorted.size());
    }

    /** Really clicks word {@code i} of the rows (the popup closed first) and returns [word, to DOM, to paint]. */
    public static List<?> timedClick(Page page, int i) {
        page.keyboard().press("Escape");
        page.waitForFunction("() => { const p = document.getElementById('word-popup'); return !p || p.hidden; }");
        // Scrolled into view and rendered first (two frames): the click is timed, not the scrolling before it.
        page.locator("#rows .dz-w").nth(i).scrollIntoViewIfNeeded();
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        page.evaluate(ARM_CLICK, i);
        page.locator("#rows .dz-w").nth(i).click();
        return (List<?>) page.evaluate("() => window.__dzTiming");
    }
}
