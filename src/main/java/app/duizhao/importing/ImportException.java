package app.duizhao.importing;

/**
 * Input that cannot be imported; the message is written for the user and names what is wrong, and {@link #kind()}
 * tells callers (the HTTP API) which status to answer with.
 */
public class ImportException extends RuntimeException {

    /**
     * Why the input was refused. Suggested HTTP statuses: {@code TOO_LARGE} 413, {@code UNSUPPORTED} 415,
     * {@code INVALID} 400, {@code REFUSED_URL} 422, {@code FETCH_FAILED} 422 (or 502).
     */
    public enum Kind {
        /** Over a size limit (file, paste, fetched page, archive, entry count). */
        TOO_LARGE,
        /** Not a format Duizhao reads (binary file, unknown extension, unknown encoding, wrong content type). */
        UNSUPPORTED,
        /** A readable format, but broken or empty (unclosed front matter, no text, malformed archive). */
        INVALID,
        /** A URL Duizhao will not fetch: not http(s), credentials in it, or an address that is not public. */
        REFUSED_URL,
        /** The fetch itself failed: unreachable, too slow, too many redirects, an HTTP error status. */
        FETCH_FAILED
    }

    private final Kind kind;

    public ImportException(String message) {
        this(Kind.INVALID, message);
    }

    public ImportException(String message, Throwable cause) {
        this(Kind.INVALID, message, cause);
    }

    public ImportException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ImportException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** Why the input was refused. */
    public Kind kind() {
        return kind;
    }
}
