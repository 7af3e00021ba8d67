package app.duizhao.api;

import app.duizhao.study.*;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What the signed-in reader knows, over HTTP (issue 16): {@code GET /api/articles/{id}/words} answers
 * {@code {"words": n, "unknown": n, "names": n, "levels": {"1": n, …, "6": n, "beyond": n}}};
 * {@code POST /api/words/known} with {@code {"hskUpTo": 3}} or {@code {"words": ["…"]}} marks words known and
 * answers {@code {"marked": n}}. Another user's article answers 404 like a missing one.
 */
@RestController
class LearningApiController {

    private final ArticleWords articleWords;

    LearningApiController(ArticleWords articleWords) {
        this.articleWords = articleWords;
    }

    @GetMapping("/api/articles/{id}/words")
    Map<String, Object> words(@PathVariable long id) {
        LevelProfile p = articleWords.profile(id)
                .orElseThrow(() -> new NoSuchElementException("There is no article " + id + "."));
        Map<String, Integer> levels = new LinkedHashMap<>();
        for (int level = 1; level <= 6; level++) {
            levels.put(String.valueOf(level), p.atLevel(level));
        }
        levels.put("beyond", p.beyondHsk());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("words", p.words());
        body.put("unknown", p.unknown());
        body.put("names", p.names());
        body.put("levels", levels);
        return body;
    }

    /** {@code {"hskUpTo": 3}} or {@code {"words": ["…"]}} (either, or both). */
    record KnownRequest(Integer hskUpTo, List<String> words) {
    }

    @PostMapping("/api/words/known")
    Map<String, Integer> known(@RequestBody KnownRequest request) {
        if (request == null || request.hskUpTo() == null && request.words() == null) {
            throw new IllegalArgumentException("Send {\"hskUpTo\": 1-6} or {\"words\": [\"…\"]}.");
        }
        int marked = 0;
        if (request.hskUpTo() != null) {
            marked += articleWords.knowHsk(request.hskUpTo());
        }
        if (request.words() != null) {
            if (request.words().size() > 50_000) {
                throw new IllegalArgumentException("At most 50,000 words at once.");
            }
            marked += articleWords.markKnown(request.words(), "manual");
        }
        return Map.of("marked", marked);
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<Map<String, String>> notFound(NoSuchElementException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler({IllegalArgumentException.class, HttpMessageNotReadableException.class})
    ResponseEntity<Map<String, String>> badRequest(Exception e) {
        String message = e instanceof HttpMessageNotReadableException ? "The body is not the JSON expected." : e.getMessage();
        return ResponseEntity.badRequest().body(Map.of("error", message));
    }
}
