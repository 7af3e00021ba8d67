package app.duizhao.api;

import app.duizhao.export.ExportFile;
import app.duizhao.export.ExportFormat;
import app.duizhao.export.ExportService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Downloads: {@code GET /api/articles/{id}/export?format=md|html|pdf|epub|anki|json[&version=n]} for one article
 * and {@code GET /api/export?ids=1,2,3&format=...} for a selection of the library as a {@code .zip}.
 */
@RestController
class ExportApiController {

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
}
