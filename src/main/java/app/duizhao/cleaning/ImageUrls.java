package app.duizhao.cleaning;

import org.jsoup.nodes.Element;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Finds an image's real address (lazy-load attributes, image proxies) and spots tracking pixels. */
final class ImageUrls {

    /** Hosts that only serve counters and beacons, never article pictures. */
    private static final List<String> TRACKER_HOSTS = List.of("doubleclick.net", "google-analytics.com",
            "googletagmanager.com", "scorecardresearch.com", "quantserve.com", "facebook.com/tr", "stats.wp.com",
            "pixel.wp.com", "feeds.feedburner.com/~r", "feedburner.com/~ff", "pinger", "analytics.", "/pixel.gif",
            "/beacon", "sb.scorecardresearch", "amazon-adsystem.com", "adservice.google");

    private ImageUrls() {
    }

    /**
     * The address to show for an {@code <img>}: lazy-load attributes ({@code data-src}, {@code data-original}) win
     * over {@code src}, which then often holds a placeholder; protocol-relative URLs become https; images.weserv.nl
     * proxy URLs are unwrapped to the original image. {@code null} when there is no usable address.
     */
    static String resolve(Element img) {
        String url = firstNonBlank(img.attr("data-src"), img.attr("data-original"), img.attr("data-lazy-src"),
                img.attr("src"));
        if (url == null || url.startsWith("data:")) {
            url = img.attr("src").isBlank() || img.attr("src").startsWith("data:") ? null : img.attr("src").strip();
        }
        if (url == null) {
            return null;
        }
        if (url.startsWith("//")) {
            url = "https:" + url;
        }
        return unwrapProxy(url);
    }

    /** images.weserv.nl?url=host/path → https://host/path (the proxy only resized the original). */
    static String unwrapProxy(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        int host = lower.indexOf("images.weserv.nl");
        if (host < 0 || host > 12) {
            return url;
        }
        int q = lower.indexOf("url=", host);
        if (q < 0) {
            return url;
        }
        String inner = url.substring(q + 4);
        int amp = inner.indexOf('&');
        if (amp >= 0) {
            inner = inner.substring(0, amp);
        }
        try {
            inner = URLDecoder.decode(inner, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return url;
        }
        if (inner.isBlank()) {
            return url;
        }
        if (inner.startsWith("//")) {
            return "https:" + inner;
        }
        return inner.matches("(?i)^https?://.*") ? inner : "https://" + inner;
    }

    /** A 1×1 (or 0×0) image, or one from a known tracker host. */
    static boolean isTrackingPixel(Element img) {
        if (isTiny(img.attr("width")) && isTiny(img.attr("height"))) {
            return true;
        }
        String src = img.attr("src").toLowerCase(Locale.ROOT);
        for (String host : TRACKER_HOSTS) {
            if (src.contains(host)) {
                return true;
            }
        }
        return false;
    }

    /** Interface icons (zoom buttons, error marks): SVGs and files named icon-*. */
    static boolean isIcon(Element img) {
        String src = img.attr("src").toLowerCase(Locale.ROOT);
        int query = src.indexOf('?');
        String path = query < 0 ? src : src.substring(0, query);
        return path.endsWith(".svg") || path.contains("/icon-") || path.contains("/icons/") || path.contains("/graphics/icon");
    }

    private static boolean isTiny(String dimension) {
        String d = dimension.strip().toLowerCase(Locale.ROOT).replace("px", "");
        return d.equals("0") || d.equals("1");
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank() && !value.strip().startsWith("data:")) {
                return value.strip();
            }
        }
        return null;
    }
}
