package app.duizhao.importing;

/** Input that cannot be imported; the message is written for the user and names what is wrong. */
public class ImportException extends RuntimeException {

    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
