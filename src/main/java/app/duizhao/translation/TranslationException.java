package app.duizhao.translation;

/**
 * The provider could not be used. The message is written for any user: it names what went wrong (e.g. "the
 * translation service failed (HTTP 500)") but no infrastructure detail. {@link #detail()} adds those (the server's
 * address, the provider's own error text) for admins and the log. Neither ever contains an API key.
 */
public class TranslationException extends RuntimeException {

    private final String detail;

    public TranslationException(String message) {
        this(message, message, null);
    }

    public TranslationException(String message, Throwable cause) {
        this(message, message, cause);
    }

    /**
     * @param message for any user
     * @param detail  for admins: with the server's address and what it said
     */
    public TranslationException(String message, String detail, Throwable cause) {
        super(message, cause);
        this.detail = detail == null ? message : detail;
    }

    /** The message with infrastructure details, for admins and the log. */
    public String detail() {
        return detail;
    }

    /** The message fit for this viewer. */
    public String messageFor(boolean admin) {
        return admin ? detail : getMessage();
    }
}
