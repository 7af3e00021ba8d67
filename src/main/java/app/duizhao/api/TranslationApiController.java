package app.duizhao.api;

import app.duizhao.translation.BatchStatus;
import app.duizhao.translation.TranslationJob;
import app.duizhao.translation.TranslationService;
import app.duizhao.translation.TranslationStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Scripting the translation: {@code POST /api/articles/{id}/translate} (optional {@code {"provider","model","force"}})
 * starts the translation and summary in the background and answers 202 ({@code "force": true} translates every
 * block and the summary again, bypassing the cache, like the reader's Translate button on a translated article);
 * {@code POST /api/translations} ({@code {"ids":[...],"provider","model"}}) does the same over a selection and
 * answers 202 with a batch id; {@code GET /api/translations/{batchId}} shows its progress.
 */
@RestController
class TranslationApiController {

    /** Optional body of a translate call. */
    record TranslateBody(String provider, String model, Boolean force) {
    }

    /** Body of a selection call. */
    record BatchBody(List<Long> ids, String provider, String model) {
    }

    private final TranslationService translation;

    TranslationApiController(TranslationService translation) {
        this.translation = translation;
    }

    @PostMapping("/api/articles/{id}/translate")
    ResponseEntity<Map<String, Object>> translate(@PathVariable long id, @RequestBody(required = false) TranslateBody body) {
        translation.status(id); // 404 when there is no such article
        boolean force = body != null && Boolean.TRUE.equals(body.force());
        TranslationJob job = translation.start(id, force, body == null ? null : body.provider(),
                body == null ? null : body.model());
        TranslationStatus status = translation.status(id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of(
                "articleId", id,
                "engine", Map.of("provider", job.engine().provider(), "model", job.engine().model()),
                "translation", Map.of("status", status.status(), "done", status.done(), "total", status.total())));
    }

    @PostMapping("/api/translations")
    ResponseEntity<BatchStatus> translateSelection(@RequestBody BatchBody body) {
        String batchId = translation.startBatch(body == null ? null : body.ids(), body == null ? null : body.provider(),
                body == null ? null : body.model());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .header("Location", "/api/translations/" + batchId)
                .body(translation.batchStatus(batchId).orElseThrow());
    }

    @GetMapping("/api/translations/{batchId}")
    ResponseEntity<BatchStatus> batch(@PathVariable String batchId) {
        return translation.batchStatus(batchId).map(ResponseEntity::ok)
                .orElseThrow(() -> new NoSuchElementException("No translation batch " + batchId));
    }
}
