package app.duizhao.api;

import app.duizhao.review.*;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The review over HTTP (issue 16): {@code GET /api/review} answers {@code {"due": n, "cards": [...]}} (the cards due
 * now, at most {@code limit}, default 100); {@code POST /api/review/{cardId}} with {@code {"grade": 1-4}} grades one
 * and answers the card with its next due time. Another user's card answers 404.
 */
@RestController
class ReviewApiController {

    private final ReviewService review;

    ReviewApiController(ReviewService review) {
        this.review = review;
    }

    @GetMapping("/api/review")
    Map<String, Object> due(@RequestParam(defaultValue = "100") int limit) {
        List<ReviewCard> cards = review.due(Math.clamp(limit, 0, 1000));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("due", review.dueCount());
        body.put("cards", cards.stream().map(ReviewApiController::json).toList());
        return body;
    }

    record Grade(Integer grade) {
    }

    @PostMapping("/api/review/{cardId}")
    Map<String, Object> grade(@PathVariable long cardId, @RequestBody Grade grade) {
        if (grade == null || grade.grade() == null) {
            throw new IllegalArgumentException("Send {\"grade\": 1-4} (again, hard, good, easy).");
        }
        return review.grade(cardId, Rating.of(grade.grade())).map(ReviewApiController::json)
                .orElseThrow(() -> new NoSuchElementException("There is no card " + cardId + "."));
    }

    static Map<String, Object> json(ReviewCard card) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", card.id());
        m.put("kind", card.kind());
        m.put("word", card.word());
        m.put("pinyin", card.pinyin());
        m.put("definitions", card.definitions());
        m.put("sentence", card.sentence());
        m.put("english", card.english());
        m.put("articleId", card.articleId());
        m.put("articleTitle", card.articleTitle());
        m.put("paragraph", card.paragraph());
        m.put("link", card.link());
        m.put("state", card.state().name().toLowerCase(java.util.Locale.ROOT));
        m.put("due", card.due().toString());
        return m;
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
