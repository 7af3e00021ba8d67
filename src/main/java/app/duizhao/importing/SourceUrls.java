package app.duizhao.importing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Normalises source links so the same article under two spellings of its URL is found as a duplicate. */
public final class SourceUrls {

    private SourceUrls() {
    }

    /**
     * The normal form of a link: scheme and host in lower case, no default port, no fragment, percent-encoding
     * decoded, no trailing slash on the path. Anything that is not an absolute http(s) URL is returned stripped.
     *
     * @return the normal form, or {@code null} for a blank link
     */
    public static String normalize(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String u = url.strip();
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
                return u;
            }
            StringBuilder sb = new StringBuilder(scheme).append("://").append(uri.getHost().toLowerCase(Locale.ROOT));
            int port = uri.getPort();
            if (port > 0 && !(port == 80 && scheme.equals("http")) && !(port == 443 && scheme.equals("https"))) {
                sb.append(':').append(port);
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            sb.append(path);
            if (uri.getQuery() != null && !uri.getQuery().isEmpty()) {
                sb.append('?').append(uri.getQuery());
            }
            return sb.toString();
        } catch (URISyntaxException e) {
            int hash = u.indexOf('#');
            return hash >= 0 ? u.substring(0, hash) : u;
        }
    }
}
