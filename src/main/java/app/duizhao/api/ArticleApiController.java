package app.duizhao.api;

import app.duizhao.export.ExportService;
import app.duizhao.importing.ImportResult;
import app.duizhao.importing.ImportService;
import app.duizhao.library.ArticleDetails;
import app.duizhao.library.LibraryService;
import app.duizhao.translation.TranslationService;
import app.duizhao.translation.TranslationStatus;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The HTTP API for scripts and bookmarklets.
 *
 * <ul>
 *   <li>{@code POST /api/articles} imports a post: a multipart field {@code file}, or JSON {@code {"url": ...}} or
 *   {@code {"text": ...}} (a {@code text/plain} body works like {@code {"text"}}). It answers {@code 201 Created}
 *   with a {@code Location} header and the article; when the same article (same cleaned text) is already stored,
 *   nothing is written and it answers {@code 200 OK} with the stored one.</li>
 *   <li>{@code GET /api/articles/{id}} answers the article, or {@code 404}.</li>
 * </ul>
 * Bad input answers {@code 400} (unreadable or unusable input), {@code 413} (over {@code duizhao.import.max-bytes}),
 * {@code 415} (not a kind of file or body we import) or {@code 422} (a URL Duizhao will not or could not fetch),
 * always with {@code {"error": message}}; nothing stored is touched then.
 */
@RestController
@RequestMapping("/api/articles")
public class ArticleApiController {

    private final ImportService importer;
    private final LibraryService library;
    private final TranslationService translations;
    private final ObjectMapper json;
    private final ExportService exports;

    /**
     * A JSON import request: a {@code url} to fetch or a {@code text} to store. A body with {@code format} or
     * {@code schemaVersion} is a Duizhao JSON export coming back instead.
     */
    record ImportRequest(String url, String text, Object format, Object schemaVersion) {
    }

    public ArticleApiController(ImportService importer, LibraryService library, TranslationService translations,
                                ObjectMapper json, ExportService exports) {
        this.exports = exports;
        this.importer = importer;
        this.library = library;
        this.translations = translations;
        this.json = json;
    }

    /** Imports a post from a multipart {@code file}, JSON {@code {"url"}} or {@code {"text"}}, or plain text. */
    @PostMapping
    public ResponseEntity<?> create(HttpServletRequest request) {
        String contentType = request.getContentType() == null ? ""
                : request.getContentType().toLowerCase(Locale.ROOT);
        ImportResult result;
        if (contentType.startsWith("multipart/form-data")) {
            result = importMultipart(request);
        } else if (contentType.startsWith("application/json") || contentType.endsWith("+json")) {
            result = importJson(request);
        } else if (contentType.startsWith("text/plain")) {
            result = importer.importText(readBody(request));
        } else {
            throw new ApiRefusal(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send a multipart form with a \"file\" field, "
                    + "or JSON {\"url\": ...} or {\"text\": ...} (Content-Type: application/json).");
        }
        ArticleDetails article = library.details(result.articleId()).orElseThrow();
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/articles/{id}").buildAndExpand(result.articleId()).toUri();
        return ResponseEntity.status(result.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(location).contentType(MediaType.APPLICATION_JSON).body(toJson(article));
    }

    /** The article, or 404. */
    @GetMapping("/{id}")
    public ResponseEntity<?> get(@PathVariable String id) {
        // The status before the content: a client that reads "done" must also get everything the job stored (the
        // other way round, a job finishing in between answered "done" with the summary still missing).
        Optional<ArticleJson.TranslationJson> translation = parseId(id).flatMap(this::translationOf);
        Optional<ArticleDetails> article = translation.isEmpty() ? Optional.empty()
                : parseId(id).flatMap(library::details);
        if (article.isEmpty()) {
            throw new ApiRefusal(HttpStatus.NOT_FOUND, "There is no article " + id + ".");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(ArticleJson.of(article.get(), translation.get()));
    }

    private ImportResult importMultipart(HttpServletRequest request) {
        Part file;
        try {
            file = request.getPart("file");
        } catch (MaxUploadSizeExceededException | IllegalStateException e) {
            // The servlet container refused a part over the multipart size limit.
            throw new ApiRefusal(HttpStatus.CONTENT_TOO_LARGE, "The upload is too large; " + tooLarge());
        } catch (IOException | ServletException | MultipartException e) {
            throw new ApiRefusal(HttpStatus.BAD_REQUEST, "The multipart form could not be read: " + e.getMessage());
        }
        if (file == null) {
            throw new ApiRefusal(HttpStatus.BAD_REQUEST, "The form has no \"file\" field: send the post as "
                    + "multipart field \"file\".");
        }
        if (file.getSize() > importer.maxBytes()) {
            throw new ApiRefusal(HttpStatus.CONTENT_TOO_LARGE, "\"" + file.getSubmittedFileName() + "\" is "
                    + megabytes(file.getSize()) + "; " + tooLarge());
        }
        try (InputStream in = file.getInputStream()) {
            String name = file.getSubmittedFileName() == null ? "" : file.getSubmittedFileName();
            if (name.toLowerCase(Locale.ROOT).endsWith(".json")) {
                return exports.importJson(in.readAllBytes());
            }
            return importer.importFile(name, in.readAllBytes());
        } catch (IOException e) {
            throw new ApiRefusal(HttpStatus.BAD_REQUEST, "The file could not be read: " + e.getMessage());
        }
    }

    private ImportResult importJson(HttpServletRequest request) {
        String raw = readBody(request);
        ImportRequest body;
        try {
            body = json.readValue(raw, ImportRequest.class);
        } catch (JacksonException e) {
            throw new ApiRefusal(HttpStatus.BAD_REQUEST, ApiErrors.describe(e) + " Send {\"url\": ...} or "
                    + "{\"text\": ...}.");
        }
        if (body == null) {
            throw new ApiRefusal(HttpStatus.BAD_REQUEST, "The JSON body must be an object: {\"url\": ...} or "
                    + "{\"text\": ...}.");
        }
        if (body.format() != null || body.schemaVersion() != null) {
            // A Duizhao JSON export coming back: re-imported with its translations, notes and annotations.
            return exports.importJson(raw.getBytes(StandardCharsets.UTF_8));
        }
        if (body.url() != null && body.text() != null) {
            throw new ApiRefusal(HttpStatus.BAD_REQUEST, "Send either \"url\" or \"text\", not both.");
        }
        if (body.url() != null) {
            if (body.url().isBlank()) {
                throw new ApiRefusal(HttpStatus.BAD_REQUEST, "\"url\" must be a non-empty string.");
            }
            return importer.importUrl(body.url().strip());
        }
        if (body.text() != null) {
            int bytes = body.text().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > importer.maxBytes()) {
                throw new ApiRefusal(HttpStatus.CONTENT_TOO_LARGE, "The text is " + megabytes(bytes) + "; "
                        + tooLarge());
            }
            return importer.importText(body.text());
        }
        throw new ApiRefusal(HttpStatus.BAD_REQUEST, "The JSON body needs \"url\" or \"text\".");
    }

    /** Reads a body, refusing more than the import limit allows (JSON escapes may double its size). */
    private String readBody(HttpServletRequest request) {
        long limit = importer.maxBytes() * 2 + 1024;
        if (request.getContentLengthLong() > limit) {
            throw new ApiRefusal(HttpStatus.CONTENT_TOO_LARGE, "The body is "
                    + megabytes(request.getContentLengthLong()) + "; " + tooLarge());
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new ApiRefusal(HttpStatus.CONTENT_TOO_LARGE, "The body is over " + megabytes(limit) + "; "
                        + tooLarge());
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ApiRefusal(HttpStatus.BAD_REQUEST, "The body could not be read: " + e.getMessage());
        }
    }

    private ArticleJson toJson(ArticleDetails article) {
        return ArticleJson.of(article, translationOf(article));
    }

    private ArticleJson.TranslationJson translationOf(ArticleDetails article) {
        return translationOf(article.id()).orElseThrow();
    }

    /** How far the translation of the user's article has come, or empty when they have no such article. */
    private Optional<ArticleJson.TranslationJson> translationOf(long articleId) {
        TranslationStatus status;
        try {
            status = translations.status(articleId);
        } catch (NoSuchElementException e) {
            return Optional.empty();
        }
        return Optional.of(new ArticleJson.TranslationJson(status.status(), status.done(), status.total(),
                status.message()));
    }

    private String tooLarge() {
        return "the limit is " + megabytes(importer.maxBytes()) + ".";
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
