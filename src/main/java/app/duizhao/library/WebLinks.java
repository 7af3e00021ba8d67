package app.duizhao.library;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one filter for addresses that came from outside (image links, source links) before they become clickable or
 * loadable anywhere: in the reader, in the exports. The address is parsed with {@link URI}, not matched as a string,
 * and only absolute {@code http}/{@code https} addresses with a host pass. Anything a browser would read differently
 * from the parser is refused outright: control characters, tabs and line breaks (browsers drop those, so
 * {@code java\tscript:} would run), backslashes, and addresses the parser cannot read.
 */
public final class WebLinks {

    private static final Set<String> ALLOWED_SCHEMES = Set.of("http", "https");

    private WebLinks() {
    }

    /**
     * The address, as a normalised absolute {@code http(s)} URL, or empty when it is anything else (another scheme,
     * relative, no host, control characters, unparsable).
     */
    public static Optional<String> web(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String candidate = address.strip();
        if (candidate.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (Character.isISOControl(c) || c == '\\' || Character.isWhitespace(c) && c != ' '
                    || c == '\u2028' || c == '\u2029') {
                return Optional.empty();
            }
        }
        try {
            // Plain spaces inside an address are common in scraped pages; they are escaped, never dropped.
            URI uri = new URI(candidate.replace(" ", "%20"));
            String scheme = uri.getScheme();
            if (scheme == null || !ALLOWED_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))
                    || uri.isOpaque() || uri.getRawAuthority() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(uri.toASCIIString());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Whether {@link #web} accepts the address. */
    public static boolean isWeb(String address) {
        return web(address).isPresent();
    }
}
