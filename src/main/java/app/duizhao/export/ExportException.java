package app.duizhao.export;

/**
 * The server cannot write an export until its operator changes something (the PDF font setting, the build), or
 * the writer itself failed. The message says why and what to change; the API answers 503 with it, since nothing
 * the user sends would help. What the user can change (format, ids, version) is an IllegalArgumentException or a
 * NoSuchElementException instead.
 */
public class ExportException extends RuntimeException {

    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
