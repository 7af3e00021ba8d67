package app.duizhao.api;

import org.springframework.http.HttpStatus;

/** A request the API refuses with a 4xx and {@code {"error": message}}, before it touches anything stored. */
final class ApiRefusal extends RuntimeException {

    private final HttpStatus status;

    ApiRefusal(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
