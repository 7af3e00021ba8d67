package app.duizhao.importing;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fetches a web page for URL import, safely: the server must not be turned against the machine it runs on or its
 * network (SSRF).
 *
 * <ul>
 *     <li>Only {@code http} and {@code https}; no user name or password in the URL.</li>
 *     <li>Every address the host name resolves to must be public: loopback, private (10/8, 172.16/12, 192.168/16),
 *     carrier-grade NAT (100.64/10), link-local (169.254/16, fe80::/10, cloud metadata), multicast, unspecified,
 *     broadcast, reserved and documentation ranges, unique-local (fc00::/7), IPv4-mapped/compatible/NAT64/6to4 forms
 *     of those and all non-global IPv6 are refused. This is checked before connecting (so a refused URL never sees a
 *     connection attempt) and again by the HTTP client's {@link DnsResolver} at connect time, which returns only the
 *     vetted addresses — so the name cannot rebind to a private address between the check and the connection.</li>
 *     <li>Redirects are followed by hand, at most {@code duizhao.import.url.max-redirects}, and each target goes
 *     through the same checks.</li>
 *     <li>The whole fetch, redirects included, has a time limit ({@code duizhao.import.url.timeout}) enforced by a
 *     watchdog that aborts the request, so a server dripping bytes cannot hold it; the body is read only up to
 *     {@code duizhao.import.url.max-bytes}.</li>
 *     <li>The response must be {@code text/html}, {@code application/xhtml+xml}, {@code text/plain} or
 *     {@code text/markdown}. Compressed transfer encodings are not requested (no decompression bombs).</li>
 * </ul>
 */
@Component
public class UrlFetcher {

    /** Resolves a host name to its addresses; a seam so tests can answer DNS without the network. */
    @FunctionalInterface
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * A fetched page.
     *
     * @param finalUrl    where the page was found, after redirects
     * @param contentType the media type, lower case, without parameters
     * @param charset     the charset the server named, or {@code null}
     * @param body        the bytes
     */
    public record FetchedPage(String finalUrl, String contentType, String charset, byte[] body) {
    }

    private static final Set<String> CONTENT_TYPES = Set.of("text/html", "application/xhtml+xml", "text/plain",
            "text/markdown", "text/x-markdown");
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "url-fetch-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final ImportProperties.Url limits;
    private final HostResolver resolver;
    private final Set<Integer> loopbackPortsAllowedForTests;

    @Autowired
    public UrlFetcher(ImportProperties properties) {
        this(properties.url(), InetAddress::getAllByName, Set.of());
    }

    /**
     * Test seam: a resolver answering DNS, and loopback ports treated as public so a test server on 127.0.0.1 can
     * play the public site (every other loopback port, and every other private address, stays refused).
     */
    UrlFetcher(ImportProperties.Url limits, HostResolver resolver, Set<Integer> loopbackPortsAllowedForTests) {
        this.limits = limits;
        this.resolver = resolver;
        this.loopbackPortsAllowedForTests = Set.copyOf(loopbackPortsAllowedForTests);
    }

    /**
     * Fetches {@code url}.
     *
     * @throws ImportException {@code REFUSED_URL}, {@code FETCH_FAILED}, {@code TOO_LARGE} or {@code UNSUPPORTED}
     */
    public FetchedPage fetch(String url) {
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        URI current = PublicAddresses.checkUrl(url);
        int redirects = 0;
        while (true) {
            InetAddress[] vetted = vet(current);
            Hop hop = get(current, vetted, deadline);
            if (hop.location() != null) {
                if (++redirects > limits.maxRedirects()) {
                    throw new ImportException(ImportException.Kind.FETCH_FAILED, "The page at " + url
                            + " redirects more than " + limits.maxRedirects() + " times; Duizhao stopped following.");
                }
                current = PublicAddresses.checkUrl(resolveLocation(current, hop.location()));
                continue;
            }
            return hop.page();
        }
    }

    private record Hop(String location, FetchedPage page) {
    }

    private Hop get(URI uri, InetAddress[] vetted, long deadline) {
        int port = port(uri);
        // The client's resolver answers only with addresses vetted now, and vets them again, so whatever DNS says
        // at connect time cannot take the connection anywhere else.
        DnsResolver pinned = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                if (!host.equalsIgnoreCase(uri.getHost()) && !host.equalsIgnoreCase(bareHost(uri))) {
                    throw new UnknownHostException("Refusing to resolve " + host);
                }
                for (InetAddress address : vetted) {
                    if (!isAllowed(address, port)) {
                        throw new UnknownHostException("Refusing a non-public address for " + host);
                    }
                }
                return vetted.clone();
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        Timeout remaining = Timeout.ofMilliseconds(Math.max(1, remainingMillis(deadline)));
        HttpGet request = new HttpGet(uri);
        request.setHeader("User-Agent", "Duizhao/0.1 (article import)");
        request.setHeader("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9");
        request.setHeader("Accept-Encoding", "identity");
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            timedOut.set(true);
            request.cancel();
        }, Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
        try (CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(pinned)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(remaining).setSocketTimeout(remaining).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(remaining)
                        .setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .disableAuthCaching()
                .build()) {
            return client.execute(request, response -> handle(uri, response, deadline, timedOut));
        } catch (ImportException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (timedOut.get() || remainingMillis(deadline) <= 0) {
                throw new ImportException(ImportException.Kind.FETCH_FAILED, "The page at " + uri + " took longer "
                        + "than " + seconds(limits.timeout()) + " to load; Duizhao gave up.", e);
            }
            if (e instanceof UnknownHostException) {
                throw new ImportException(ImportException.Kind.REFUSED_URL, "Duizhao will not fetch " + uri
                        + ": its address is not public.", e);
            }
            throw new ImportException(ImportException.Kind.FETCH_FAILED, "Could not load " + uri + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } finally {
            watchdog.cancel(false);
        }
    }

    private Hop handle(URI uri, ClassicHttpResponse response, long deadline, AtomicBoolean timedOut)
            throws IOException {
        int status = response.getCode();
        if (status >= 300 && status < 400 && status != 304) {
            Header location = response.getFirstHeader("Location");
            if (location == null || location.getValue().isBlank()) {
                throw new ImportException(ImportException.Kind.FETCH_FAILED, "The page at " + uri
                        + " redirects without saying where.");
            }
            return new Hop(location.getValue().strip(), null);
        }
        if (status < 200 || status >= 300) {
            throw new ImportException(ImportException.Kind.FETCH_FAILED, "The server answered " + status
                    + " for " + uri + ".");
        }
        HttpEntity entity = response.getEntity();
        String mediaType = null;
        String charset = null;
        String contentType = entity == null ? null : entity.getContentType();
        if (contentType != null) {
            try {
                ContentType parsed = ContentType.parseLenient(contentType);
                mediaType = parsed.getMimeType() == null ? null : parsed.getMimeType().toLowerCase(Locale.ROOT);
                charset = parsed.getParameter("charset");
            } catch (RuntimeException malformed) {
                mediaType = null;
            }
        }
        if (mediaType == null || !CONTENT_TYPES.contains(mediaType)) {
            throw new ImportException(ImportException.Kind.UNSUPPORTED, "The page at " + uri + " is "
                    + (mediaType == null ? "of no stated type" : mediaType) + ", not a web page or text: Duizhao "
                    + "imports text/html, text/plain and text/markdown.");
        }
        long max = limits.maxBytes();
        if (entity.getContentLength() > max) {
            throw tooLarge(uri, entity.getContentLength());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = entity.getContent()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (timedOut.get() || remainingMillis(deadline) <= 0) {
                    throw new ImportException(ImportException.Kind.FETCH_FAILED, "The page at " + uri
                            + " took longer than " + seconds(limits.timeout()) + " to load; Duizhao gave up.");
                }
                if (body.size() + n > max) {
                    throw tooLarge(uri, -1);
                }
                body.write(buffer, 0, n);
            }
        }
        return new Hop(null, new FetchedPage(uri.toString(), mediaType, validCharset(charset), body.toByteArray()));
    }

    private ImportException tooLarge(URI uri, long length) {
        return new ImportException(ImportException.Kind.TOO_LARGE, "The page at " + uri + " is larger than "
                + ImportService.megabytes(limits.maxBytes()) + (length > 0 ? " (" + ImportService.megabytes(length)
                + ")" : "") + "; Duizhao stopped reading it.");
    }

    /** Resolves the host and refuses unless every address is public. */
    private InetAddress[] vet(URI uri) {
        String host = bareHost(uri);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new ImportException(ImportException.Kind.FETCH_FAILED, "The host " + host + " is unknown.", e);
        } catch (RuntimeException e) {
            throw new ImportException(ImportException.Kind.REFUSED_URL, "\"" + host + "\" is not a host name "
                    + "Duizhao can look up.", e);
        }
        if (addresses == null || addresses.length == 0) {
            throw new ImportException(ImportException.Kind.FETCH_FAILED, "The host " + host + " has no address.");
        }
        int port = port(uri);
        for (InetAddress address : addresses) {
            if (!isAllowed(address, port)) {
                throw new ImportException(ImportException.Kind.REFUSED_URL, "Duizhao will not fetch " + uri
                        + ": " + host + " is " + address.getHostAddress() + ", which is not a public internet "
                        + "address.");
            }
        }
        return addresses;
    }

    private boolean isAllowed(InetAddress address, int port) {
        if (address.isLoopbackAddress() && loopbackPortsAllowedForTests.contains(port)) {
            return true;
        }
        return PublicAddresses.isPublic(address);
    }

    private static String resolveLocation(URI base, String location) {
        try {
            return base.resolve(new URI(location.replace(" ", "%20"))).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ImportException(ImportException.Kind.FETCH_FAILED, "The page at " + base
                    + " redirects to an invalid address.");
        }
    }

    private static String bareHost(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static long remainingMillis(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String validCharset(String name) {
        try {
            return name == null || !Charset.isSupported(name.strip()) ? null : name.strip();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
