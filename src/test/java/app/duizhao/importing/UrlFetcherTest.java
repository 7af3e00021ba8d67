package app.duizhao.importing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every refusal of the URL fetcher, proven against servers on 127.0.0.1. The "site" server plays a public web site
 * (its port is the one loopback port the test seam lets through); the "internal" server plays a service on the
 * private network and must never see a request. Nothing here connects to anything but 127.0.0.1.
 */
class UrlFetcherTest {

    private static final String PAGE = "<html><head><title>新闻</title></head><body><p>中国经济继续发展。</p></body></html>";

    private HttpServer site;
    private HttpServer internal;
    private final List<String> siteRequests = new CopyOnWriteArrayList<>();
    private final List<String> internalRequests = new CopyOnWriteArrayList<>();
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();

    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    @BeforeEach
    void startServers() throws IOException {
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.setExecutor(Executors.newCachedThreadPool());
        site.createContext("/", exchange -> {
            siteRequests.add(exchange.getRequestURI().toString());
            Handler handler = routes.get(exchange.getRequestURI().getPath());
            try {
                if (handler == null) {
                    send(exchange, 404, "text/plain", "not found");
                } else {
                    handler.handle(exchange);
                }
            } catch (IOException e) {
                // the client hung up, as it should when it gives up
            } finally {
                exchange.close();
            }
        });
        site.start();
        internal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        internal.createContext("/", exchange -> {
            internalRequests.add(exchange.getRequestURI().toString());
            send(exchange, 200, "text/html", "<p>secret</p>");
            exchange.close();
        });
        internal.start();
    }

    @AfterEach
    void stopServers() {
        site.stop(0);
        internal.stop(0);
    }

    private int sitePort() {
        return site.getAddress().getPort();
    }

    private int internalPort() {
        return internal.getAddress().getPort();
    }

    private String siteUrl(String path) {
        return "http://127.0.0.1:" + sitePort() + path;
    }

    /** A fetcher that treats the site's port as public; DNS answers from {@code dns}, nothing from the network. */
    private UrlFetcher fetcher(Duration timeout, long maxBytes, int maxRedirects, Map<String, String> dns) {
        return new UrlFetcher(new ImportProperties.Url(maxBytes, timeout, maxRedirects), host -> {
            String answer = dns.get(host);
            if (answer != null) {
                return new InetAddress[]{InetAddress.getByName(answer)};
            }
            if (host.matches("[0-9.]+|[0-9a-fA-F:.]+")) {
                return new InetAddress[]{InetAddress.getByName(host)}; // literals only: never real DNS
            }
            throw new java.net.UnknownHostException(host);
        }, Set.of(sitePort()));
    }

    private UrlFetcher fetcher() {
        return fetcher(Duration.ofSeconds(10), 100_000, 3, Map.of());
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static ImportException.Kind kindOf(Throwable e) {
        return ((ImportException) e).kind();
    }

    @Test
    void aPublicPageIsFetchedWithItsTypeAndCharset() {
        routes.put("/news", ex -> send(ex, 200, "text/html; charset=UTF-8", PAGE));

        UrlFetcher.FetchedPage page = fetcher().fetch(siteUrl("/news"));

        assertThat(new String(page.body(), StandardCharsets.UTF_8)).isEqualTo(PAGE);
        assertThat(page.contentType()).isEqualTo("text/html");
        assertThat(page.charset()).isEqualTo("UTF-8");
    }

    @Test
    void aLoopbackAddressIsRefusedBeforeConnecting() {
        String url = "http://127.0.0.1:" + internalPort() + "/admin";
        assertThatThrownBy(() -> fetcher().fetch(url))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("not a public internet address")
                .satisfies(e -> assertThat(kindOf(e)).isEqualTo(ImportException.Kind.REFUSED_URL));
        assertThatThrownBy(() -> fetcher(Duration.ofSeconds(10), 100_000, 3,
                Map.of("localhost", "127.0.0.1")).fetch("http://localhost:" + internalPort() + "/")).isInstanceOf(ImportException.class);
        assertThat(internalRequests).isEmpty();
    }

    @Test
    void everyNonPublicAddressFormIsRefused() {
        for (String address : List.of("127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.4", "172.31.255.255",
                "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "255.255.255.255", "224.0.0.1",
                "192.0.2.1", "198.51.100.7", "203.0.113.9", "198.18.0.1", "::1", "::", "fe80::1", "fc00::1",
                "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::a00:1",
                "2002:7f00:1::1", "2001:db8::1")) {
            assertThatThrownBy(() -> fetcher().fetch("http://" + (address.contains(":") ? "[" + address + "]"
                    : address) + ":" + internalPort() + "/"))
                    .as(address)
                    .isInstanceOf(ImportException.class)
                    .satisfies(e -> assertThat(kindOf(e)).as(address).isEqualTo(ImportException.Kind.REFUSED_URL));
        }
        assertThat(internalRequests).isEmpty();
    }

    @Test
    void publicAddressesArePublic() throws Exception {
        for (String address : List.of("93.184.216.34", "8.8.8.8", "1.1.1.1", "2606:4700::1111", "172.32.0.1",
                "100.128.0.1")) {
            assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void aPublicLookingHostNameWhoseDnsAnswersLoopbackIsRefused() {
        String url = "http://news.example.com:" + internalPort() + "/story";
        assertThatThrownBy(() -> fetcher(Duration.ofSeconds(10), 100_000, 3, Map.of("news.example.com", "127.0.0.1")).fetch(url))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("127.0.0.1")
                .satisfies(e -> assertThat(kindOf(e)).isEqualTo(ImportException.Kind.REFUSED_URL));
        assertThat(internalRequests).isEmpty();
    }

    @Test
    void redirectsToPrivateAddressesAreRefusedAfterTheRedirect() {
        routes.put("/to-loopback", ex -> redirect(ex, "http://127.0.0.1:" + internalPort() + "/admin"));
        routes.put("/to-private", ex -> redirect(ex, "http://10.0.0.1/"));
        routes.put("/to-metadata", ex -> redirect(ex, "http://169.254.169.254/latest/meta-data/"));
        routes.put("/to-rebinding-name", ex -> redirect(ex, "http://evil.example.com:" + internalPort() + "/"));
        routes.put("/to-file", ex -> redirect(ex, "file:///etc/passwd"));
        Map<String, String> dns = Map.of("evil.example.com", "127.0.0.1");

        for (String path : List.of("/to-loopback", "/to-private", "/to-metadata", "/to-rebinding-name", "/to-file")) {
            assertThatThrownBy(() -> fetcher(Duration.ofSeconds(10), 100_000, 3, dns).fetch(siteUrl(path)))
                    .as(path)
                    .isInstanceOf(ImportException.class)
                    .satisfies(e -> assertThat(kindOf(e)).as(path).isEqualTo(ImportException.Kind.REFUSED_URL));
        }
        assertThat(siteRequests).containsExactly("/to-loopback", "/to-private", "/to-metadata", "/to-rebinding-name",
                "/to-file");
        assertThat(internalRequests).isEmpty();
    }

    @Test
    void aPermittedRedirectIsFollowed() {
        routes.put("/old", ex -> redirect(ex, "/new"));
        routes.put("/new", ex -> send(ex, 200, "text/html", PAGE));

        UrlFetcher.FetchedPage page = fetcher().fetch(siteUrl("/old"));

        assertThat(page.finalUrl()).endsWith("/new");
        assertThat(siteRequests).containsExactly("/old", "/new");
    }

    @Test
    void tooManyRedirectsAreRefused() {
        routes.put("/loop", ex -> redirect(ex, "/loop"));

        assertThatThrownBy(() -> fetcher().fetch(siteUrl("/loop")))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("redirects more than 3 times")
                .satisfies(e -> assertThat(kindOf(e)).isEqualTo(ImportException.Kind.FETCH_FAILED));
        assertThat(siteRequests).hasSize(4);
    }

    @Test
    void aPageOverTheSizeLimitIsRefusedWithoutReadingItAll() {
        String big = "<p>" + "经济".repeat(60_000) + "</p>";
        routes.put("/big", ex -> send(ex, 200, "text/html", big));
        routes.put("/big-chunked", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, 0); // chunked: no length announced
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 1000; i++) {
                    out.write(("<p>" + "经济".repeat(1000) + "</p>").getBytes(StandardCharsets.UTF_8));
                }
            }
        });

        for (String path : List.of("/big", "/big-chunked")) {
            assertThatThrownBy(() -> fetcher().fetch(siteUrl(path)))
                    .as(path)
                    .isInstanceOf(ImportException.class)
                    .hasMessageContaining("larger than 0.1 MB")
                    .satisfies(e -> assertThat(kindOf(e)).isEqualTo(ImportException.Kind.TOO_LARGE));
        }
    }

    @Test
    void aPageSlowerThanTheTimeLimitIsAbandoned() {
        routes.put("/slow-headers", ex -> {
            sleep(5_000);
            send(ex, 200, "text/html", PAGE);
        });
        routes.put("/drip", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    out.write("<p>经</p>".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    sleep(100);
                }
            }
        });
        UrlFetcher quick = fetcher(Duration.ofMillis(700), 100_000, 3, Map.of());

        for (String path : List.of("/slow-headers", "/drip")) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> quick.fetch(siteUrl(path)))
                    .as(path)
                    .isInstanceOf(ImportException.class)
                    .hasMessageContaining("took longer than 700 ms")
                    .satisfies(e -> assertThat(kindOf(e)).isEqualTo(ImportException.Kind.FETCH_FAILED));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(path).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void aResponseThatIsNotAPageIsRefused() {
        routes.put("/image", ex -> send(ex, 200, "image/png", "PNG"));
        routes.put("/untyped", ex -> send(ex, 200, null, "<p>text</p>"));
        routes.put("/json", ex -> send(ex, 200, "application/json", "{}"));

        for (String path : List.of("/image", "/untyped", "/json")) {
            assertThatThrownBy(() -> fetcher().fetch(siteUrl(path)))
                    .as(path)
                    .isInstanceOf(ImportException.class)
                    .satisfies(e -> assertThat(kindOf(e)).isEqualTo(ImportException.Kind.UNSUPPORTED));
        }
    }

    @Test
    void otherSchemesAndCredentialsInTheUrlAreRefused() {
        for (String url : List.of("file:///etc/passwd", "ftp://example.com/a", "gopher://127.0.0.1/",
                "jar:http://x/y!/z", "http://user:pass@127.0.0.1:" + sitePort() + "/news",
                "http://user@" + "127.0.0.1:" + sitePort() + "/news", "not a url", "http:///nohost")) {
            assertThatThrownBy(() -> fetcher().fetch(url))
                    .as(url)
                    .isInstanceOf(ImportException.class)
                    .satisfies(e -> assertThat(kindOf(e)).as(url).isEqualTo(ImportException.Kind.REFUSED_URL));
        }
        assertThat(siteRequests).isEmpty();
    }

    @Test
    void anHttpErrorStatusIsReported() {
        assertThatThrownBy(() -> fetcher().fetch(siteUrl("/missing")))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("404")
                .satisfies(e -> assertThat(kindOf(e)).isEqualTo(ImportException.Kind.FETCH_FAILED));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
