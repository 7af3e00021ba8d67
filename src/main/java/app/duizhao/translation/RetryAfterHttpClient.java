package app.duizhao.translation;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A JDK {@link HttpClient} that notes the {@code Retry-After} header of 429 and 503 answers. LangChain4j's
 * {@code HttpException} carries no headers, so the engine's retry loop reads the wait from here instead: the most
 * recent {@code Retry-After} this engine's client saw (a rate limit applies to the whole account, so whichever call
 * saw it, every retry should honour it).
 */
final class RetryAfterHttpClient extends HttpClient {

    /** Where the last {@code Retry-After} is kept, shared by the client and the engine's retry loop. */
    static final class Holder {
        private final AtomicReference<long[]> last = new AtomicReference<>(); // {nanoTime seen, millis to wait}

        void record(Duration wait) {
            last.set(new long[]{System.nanoTime(), wait.toMillis()});
        }

        /** The wait the server asked for within the last {@code within}, minus the time that has passed since. */
        Optional<Duration> recent(Duration within) {
            long[] seen = last.get();
            if (seen == null) {
                return Optional.empty();
            }
            long ago = System.nanoTime() - seen[0];
            if (ago > within.toNanos()) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis(Math.max(0, seen[1] - ago / 1_000_000)));
        }
    }

    private final HttpClient delegate;
    private final Holder holder;

    RetryAfterHttpClient(HttpClient delegate, Holder holder) {
        this.delegate = delegate;
        this.holder = holder;
    }

    /** A builder whose {@code build()} wraps the JDK client. */
    static HttpClient.Builder builder(Holder holder) {
        HttpClient.Builder real = HttpClient.newBuilder();
        return new HttpClient.Builder() {
            @Override public Builder cookieHandler(CookieHandler h) { real.cookieHandler(h); return this; }
            @Override public Builder connectTimeout(Duration d) { real.connectTimeout(d); return this; }
            @Override public Builder sslContext(SSLContext c) { real.sslContext(c); return this; }
            @Override public Builder sslParameters(SSLParameters p) { real.sslParameters(p); return this; }
            @Override public Builder executor(Executor e) { real.executor(e); return this; }
            @Override public Builder followRedirects(Redirect r) { real.followRedirects(r); return this; }
            @Override public Builder version(Version v) { real.version(v); return this; }
            @Override public Builder priority(int p) { real.priority(p); return this; }
            @Override public Builder proxy(ProxySelector p) { real.proxy(p); return this; }
            @Override public Builder authenticator(Authenticator a) { real.authenticator(a); return this; }
            @Override public Builder localAddress(InetAddress a) { real.localAddress(a); return this; }
            @Override public HttpClient build() { return new RetryAfterHttpClient(real.build(), holder); }
        };
    }

    /** Parses a {@code Retry-After} value: seconds, or an HTTP date. */
    static Optional<Duration> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
    }

    private <T> HttpResponse.BodyHandler<T> noting(HttpResponse.BodyHandler<T> handler) {
        return info -> {
            if (info.statusCode() == 429 || info.statusCode() == 503) {
                info.headers().firstValue("retry-after").flatMap(RetryAfterHttpClient::parse).ifPresent(holder::record);
            }
            return handler.apply(info);
        };
    }

    @Override public Optional<CookieHandler> cookieHandler() { return delegate.cookieHandler(); }
    @Override public Optional<Duration> connectTimeout() { return delegate.connectTimeout(); }
    @Override public Redirect followRedirects() { return delegate.followRedirects(); }
    @Override public Optional<ProxySelector> proxy() { return delegate.proxy(); }
    @Override public SSLContext sslContext() { return delegate.sslContext(); }
    @Override public SSLParameters sslParameters() { return delegate.sslParameters(); }
    @Override public Optional<Authenticator> authenticator() { return delegate.authenticator(); }
    @Override public Version version() { return delegate.version(); }
    @Override public Optional<Executor> executor() { return delegate.executor(); }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return delegate.send(request, noting(handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return delegate.sendAsync(request, noting(handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        return delegate.sendAsync(request, noting(handler), push);
    }

    @Override public void shutdown() { delegate.shutdown(); }
    @Override public void shutdownNow() { delegate.shutdownNow(); }
    @Override public boolean isTerminated() { return delegate.isTerminated(); }
    @Override public boolean awaitTermination(Duration d) throws InterruptedException { return delegate.awaitTermination(d); }
    @Override public void close() { delegate.close(); }
}
