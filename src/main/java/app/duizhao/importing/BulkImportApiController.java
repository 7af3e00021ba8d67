package app.duizhao.importing;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * Bulk imports a stopped server left unfinished: {@code GET /api/imports/interrupted} lists the caller's, with what
 * each had done; {@code POST /api/imports/{id}/resume} resumes one in the background (202), skipping what is
 * already in the library.
 */
@RestController
class BulkImportApiController {

    private final BulkImportService bulk;

    BulkImportApiController(BulkImportService bulk) {
        this.bulk = bulk;
    }

    @GetMapping("/api/imports/interrupted")
    List<BulkImportService.InterruptedImport> interrupted() {
        return bulk.interrupted();
    }

    @PostMapping("/api/imports/{id}/resume")
    ResponseEntity<Map<String, Object>> resume(@PathVariable long id) {
        BulkImportJob job = bulk.resume(id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("source", job.source(), "status", "running"));
    }

    @ExceptionHandler(ImportException.class)
    ResponseEntity<Map<String, String>> refused(ImportException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }
}
