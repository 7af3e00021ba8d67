package app.duizhao.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.NoSuchElementException;

/**
 * An address under {@code /api/} that no controller answers gets the API's 404 JSON, not the application's HTML
 * page (Spring matches this pattern last, after every more specific route).
 */
@RestController
class UnknownApiRoute {

    @RequestMapping("/api/**")
    void unknown(HttpServletRequest request) {
        throw new NoSuchElementException("There is no API route " + request.getMethod() + " "
                + request.getRequestURI() + ". The routes are listed in the README.");
    }
}
