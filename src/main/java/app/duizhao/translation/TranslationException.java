package app.duizhao.translation;

/**
 * The provider could not be used. The message is written for the user and never contains an API key.
 */
public class TranslationException extends RuntimeException {

    public TranslationException(String message) {
        super(message);
    }

    public TranslationException(String message, Throwable cause) {
        super(message, cause);
    }
}
