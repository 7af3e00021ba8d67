package app.duizhao.export;

import app.duizhao.importing.ImportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Downloads: {@code GET /api/articles/{id}/export?format=md|html|pdf|epub|anki|json[&version=n]} for one article
 * and {@code GET /api/export?ids=1,2,3&format=...} for a selection of the library as a {@code .zip}.
 */
@RestController
class ExportApiController {

    private static final Logger LOG = LoggerFactory.getLogger(ExportApiController.class);

    private final ExportService exports;

    ExportApiController(ExportService exports) {
        this.exports = exports;
    }

    @GetMapping("/api/articles/{id}/export")
    ResponseEntity<byte[]> export(@PathVariable long id, @RequestParam(defaultValue = "md") String format,
                                  @RequestParam(required = false) Integer version) {
        return download(exports.export(id, version, ExportFormat.of(format)));
    }

    @GetMapping("/api/export")
    ResponseEntity<byte[]> zip(@RequestParam String ids, @RequestParam(defaultValue = "md") String format) {
        List<Long> articleIds;
        try {
            articleIds = Arrays.stream(ids.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(Long::parseLong).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ids must be article numbers separated by commas.");
        }
        return download(exports.zip(articleIds, ExportFormat.of(format)));
    }

    private static ResponseEntity<byte[]> download(ExportFile file) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
                .body(file.content());
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<Map<String, String>> notFound(NoSuchElementException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler({IllegalArgumentException.class, ImportException.class})
    ResponseEntity<Map<String, String>> badRequest(RuntimeException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    /** A parameter that is missing or not a number ({@code version=abc}, {@code /articles/x/export}). */
    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, String>> badParameter(Exception e) {
        String message = e instanceof MethodArgumentTypeMismatchException mismatch
                ? "'" + mismatch.getValue() + "' is not a valid " + mismatch.getName() + ": use a whole number."
                : "The parameter '" + ((MissingServletRequestParameterException) e).getParameterName()
                        + "' is missing.";
        return ResponseEntity.badRequest().body(Map.of("error", message));
    }

    /**
     * What the operator must change (the PDF font setting, the build): 503 with the message, which names it. The
     * stack trace goes to the log, for the operator only.
     */
    @ExceptionHandler(ExportException.class)
    ResponseEntity<Map<String, String>> unavailable(ExportException e) {
        LOG.warn("Export failed: {}", e.getMessage(), e.getCause());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", e.getMessage()));
    }
}
