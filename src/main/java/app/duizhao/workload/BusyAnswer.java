package app.duizhao.workload;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Map;

/** Long work refused as busy answers {@code 429 Too Many Requests} with {@code Retry-After} and {@code {"error"}}. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class BusyAnswer {

    @ExceptionHandler(ServerBusyException.class)
    ResponseEntity<Map<String, String>> busy(ServerBusyException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", e.getMessage()));
    }
}
