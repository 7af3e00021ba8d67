package app.duizhao.api;

import app.duizhao.annotation.EditConflictException;
import app.duizhao.export.ExportException;
import app.duizhao.importing.ImportException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.util.Collection;
import java.util.NoSuchElementException;

/**
 * Every error answer of the HTTP API, in one shape: {@code {"error": "what is wrong, for a person"}} with its status
 * (the one exception is the 409 of a note written over someone else's, which also carries {@code "theirs"} and
 * {@code "revision"}). Controllers throw; this class picks the status. Infrastructure details (stack traces, SQL)
 * never reach the answer: an unexpected failure answers 500 with a generic message and is logged.
 */
@RestControllerAdvice
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    /** Every error answer's body. */
    record ErrorJson(String error) {
    }

    /** The 409 of a note written over someone else's change: what is stored now, and its revision. */
    record NoteConflictJson(String error, String theirs, long revision) {
    }

    @ExceptionHandler(ApiRefusal.class)
    ResponseEntity<ErrorJson> refused(ApiRefusal e) {
        return error(e.status(), e.getMessage());
    }

    @ExceptionHandler(ImportException.class)
    ResponseEntity<ErrorJson> importRefused(ImportException e) {
        // TOO_LARGE 413, UNSUPPORTED 415, a URL refused or unfetchable 422, anything else 400.
        HttpStatus status = switch (e.kind()) {
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNSUPPORTED -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case REFUSED_URL, FETCH_FAILED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
        return error(status, e.getMessage());
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<ErrorJson> notFound(NoSuchElementException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage() == null ? "Not found." : e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ErrorJson> badRequest(IllegalArgumentException e) {
        return error(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()));
    }

    /**
     * What the operator must change (the PDF font setting, the build): 503 with the message, which names it. The
     * stack trace goes to the log, for the operator only.
     */
    @ExceptionHandler(ExportException.class)
    ResponseEntity<ErrorJson> exportUnavailable(ExportException e) {
        log.warn("Export failed: {}", e.getMessage(), e.getCause());
        return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler({DataIntegrityViolationException.class, OptimisticLockingFailureException.class})
    ResponseEntity<ErrorJson> raced(RuntimeException e) {
        // Two writes of the same block (or two versions of the same article) at the same instant: this one lost,
        // and its transaction was rolled back.
        return error(HttpStatus.CONFLICT, "Someone else saved this article at the same moment; nothing was written "
                + "by this request. Send it again.");
    }

    @ExceptionHandler(EditConflictException.class)
    ResponseEntity<NoteConflictJson> conflict(EditConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_JSON)
                .body(new NoteConflictJson(e.getMessage() + " Send it again with \"revision\": "
                        + e.currentRevision() + " to replace their note.", e.theirs(), e.currentRevision()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorJson> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, e.getCause() instanceof JacksonException json ? describe(json)
                : "The body must be an object (a JSON object).");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorJson> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send " + names(e.getSupportedMediaTypes())
                + " (Content-Type).");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ErrorJson> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return error(HttpStatus.NOT_ACCEPTABLE, "This answers " + names(e.getSupportedMediaTypes()) + " (Accept).");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorJson> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, "This address takes " + String.join(", ",
                e.getSupportedMethods() == null ? new String[0] : e.getSupportedMethods()) + ", not " + e.getMethod()
                + ".");
    }

    /** A parameter that is missing or not a number ({@code version=abc}, {@code /articles/x/export}). */
    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<ErrorJson> badParameter(Exception e) {
        String message = e instanceof MethodArgumentTypeMismatchException mismatch
                ? "'" + mismatch.getValue() + "' is not a valid " + mismatch.getName() + ": use a whole number."
                : "The parameter '" + ((MissingServletRequestParameterException) e).getParameterName()
                        + "' is missing.";
        return error(HttpStatus.BAD_REQUEST, message);
    }

    /** Anything else on an API address: a 500 with no details (they are logged, for the admin). */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorJson> unexpected(Exception e, HttpServletRequest request) throws Exception {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            throw e; // not ours: the application's usual error handling
        }
        log.error("API request {} {} failed", request.getMethod(), request.getRequestURI(), e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on the server; nothing is known to "
                + "have been written. Try again, or tell the administrator.");
    }

    /** Why a JSON body could not be read, naming the field when one is to blame. */
    static String describe(JacksonException e) {
        if (e instanceof StreamReadException) {
            return "The body is not valid JSON.";
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().getLast().getPropertyName();
            if (field != null) {
                return "\"" + field + "\" must be " + kind(mismatch.getTargetType()) + ".";
            }
        }
        if (e instanceof DatabindException databind && databind.getPath().isEmpty()) {
            return "The body must be an object (a JSON object).";
        }
        return "The body is not valid JSON.";
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "a JSON object";
    }

    private static String names(Collection<MediaType> types) {
        return types.isEmpty() ? "another kind of body" : String.join(" or ", types.stream()
                .map(MediaType::toString).toList());
    }

    static ResponseEntity<ErrorJson> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new ErrorJson(message));
    }
}
