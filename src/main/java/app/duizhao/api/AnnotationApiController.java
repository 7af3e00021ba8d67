package app.duizhao.api;

import app.duizhao.annotation.AnnotatedArticle;
import app.duizhao.annotation.AnnotationService;
import app.duizhao.annotation.VersionInfo;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Notes and saved versions over HTTP, for scripts (and the load benchmark). Every article id is the current user's:
 * another user's article answers 404 exactly like a missing one.
 *
 * <ul>
 *   <li>{@code POST /api/articles/{id}/notes} with {@code {"block": index, "text": markdown}} (optionally
 *   {@code "revision": n}: then the note is only written if nobody saved that block since revision {@code n},
 *   else 409) sets the note on that paragraph, as the reader's Note button does: a paragraph has one note, so
 *   this replaces an earlier one. Answers {@code 201 Created} with the note, or {@code 200 OK} when it replaced
 *   one.</li>
 *   <li>{@code GET /api/articles/{id}/notes}: the notes, in block order.</li>
 *   <li>{@code POST /api/articles/{id}/versions} with an optional {@code {"message": ...}} saves the article as it
 *   is now as a new immutable version: {@code 201 Created} with its number.</li>
 *   <li>{@code GET /api/articles/{id}/versions}: the saved versions, newest first;
 *   {@code GET /api/articles/{id}/versions/{n}}: one of them with its notes.</li>
 * </ul>
 * Errors answer {@code {"error": message}}: 400 (malformed body, no such block), 404 (no such article or version),
 * 409 (the block changed since {@code revision}, or another version was saved at the same moment), 413 (a note
 * over {@value #MAX_NOTE_CHARS} characters).
 */
@RestController
@RequestMapping("/api/articles/{id}")
public class AnnotationApiController {

    /** The longest note the API takes, in characters. */
    static final int MAX_NOTE_CHARS = 100_000;
    /** The longest version message the API takes, in characters. */
    static final int MAX_MESSAGE_CHARS = 2_000;

    /**
     * A paragraph's note.
     *
     * @param block    the block's index, as in {@code GET /api/articles/{id}}
     * @param text     the note (Markdown)
     * @param revision the block's edit revision after this note was written; pass it back as {@code revision}
     *                 to write only if nobody changed the block meanwhile
     */
    public record NoteJson(int block, String text, long revision) {
    }

    /** A saved version as listed. */
    public record VersionJson(int number, String savedAt, String message) {
    }

    /** A saved version with its notes. */
    public record VersionDetailsJson(int number, String savedAt, String message, String title,
                                     List<VersionNoteJson> notes) {
    }

    /** A note as saved in a version. */
    public record VersionNoteJson(int block, String text) {
    }

    /**
     * The body of {@code POST …/notes}.
     *
     * @param block    the block's index
     * @param text     the note (Markdown)
     * @param revision optional: write only if nobody saved the block since this revision
     */
    record NoteRequest(Integer block, String text, Long revision) {
    }

    /** The optional body of {@code POST …/versions}. */
    record VersionRequest(String message) {
    }

    private final AnnotationService annotations;

    AnnotationApiController(AnnotationService annotations) {
        this.annotations = annotations;
    }

    /** Sets the note on a paragraph. */
    @PostMapping("/notes")
    public ResponseEntity<?> addNote(@PathVariable String id, @RequestBody(required = false) NoteRequest request) {
        long articleId = articleId(id);
        if (request == null) {
            throw new ApiRefusal(HttpStatus.BAD_REQUEST, "The body must be a JSON object: "
                    + "{\"block\": 0, \"text\": \"...\"}.");
        }
        if (request.block() == null) {
            throw new ApiRefusal(HttpStatus.BAD_REQUEST, "\"block\" must be the block's index (a whole number).");
        }
        if (request.text() == null || request.text().isBlank()) {
            throw new ApiRefusal(HttpStatus.BAD_REQUEST, "\"text\" must be a non-empty string (the note, Markdown).");
        }
        String text = request.text();
        if (text.length() > MAX_NOTE_CHARS) {
            throw new ApiRefusal(HttpStatus.CONTENT_TOO_LARGE, "The note has " + text.length()
                    + " characters; the limit is " + MAX_NOTE_CHARS + ".");
        }
        int block = request.block();
        ArticleSnapshot current = current(articleId);
        SnapshotBlock existing = current.blocks().stream().filter(b -> b.position() == block).findFirst()
                .orElseThrow(() -> new ApiRefusal(HttpStatus.BAD_REQUEST, "Article " + articleId
                        + " has no block " + block + "; its blocks are numbered 0 to "
                        + (current.blocks().size() - 1) + "."));
        long revision;
        try {
            if (request.revision() != null) {
                revision = annotations.setNote(articleId, block, request.revision(), text);
            } else {
                annotations.setNote(articleId, block, text);
                revision = annotations.revision(articleId, block);
            }
        } catch (NoSuchElementException e) {
            throw missing(articleId); // deleted since the check above
        }
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/articles/{id}/notes").buildAndExpand(articleId).toUri();
        // As ArticleBlock stores it: stripped.
        NoteJson note = new NoteJson(block, text.strip(), revision);
        return ResponseEntity.status(existing.note() == null ? HttpStatus.CREATED : HttpStatus.OK)
                .location(location).contentType(MediaType.APPLICATION_JSON).body(note);
    }

    /** The article's notes, in block order. */
    @GetMapping("/notes")
    public ResponseEntity<?> notes(@PathVariable String id) {
        long articleId = articleId(id);
        ArticleSnapshot current = current(articleId);
        Map<Integer, Long> revisions = annotations.revisions(articleId);
        List<NoteJson> notes = current.blocks().stream().filter(b -> b.note() != null)
                .map(b -> new NoteJson(b.position(), b.note(), revisions.getOrDefault(b.position(), 0L))).toList();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(notes);
    }

    /** Saves the article as it is now as a new version. */
    @PostMapping("/versions")
    public ResponseEntity<?> saveVersion(@PathVariable String id,
                                         @RequestBody(required = false) VersionRequest request) {
        long articleId = articleId(id);
        String message = request == null ? null : request.message();
        if (message != null && message.length() > MAX_MESSAGE_CHARS) {
            throw new ApiRefusal(HttpStatus.CONTENT_TOO_LARGE, "The message has " + message.length()
                    + " characters; the limit is " + MAX_MESSAGE_CHARS + ".");
        }
        VersionInfo saved;
        try {
            saved = annotations.saveVersion(articleId, message);
        } catch (NoSuchElementException e) {
            throw missing(articleId);
        }
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/articles/{id}/versions/{number}").buildAndExpand(articleId, saved.number()).toUri();
        return ResponseEntity.created(location).contentType(MediaType.APPLICATION_JSON).body(toJson(saved));
    }

    /** The saved versions, newest first. */
    @GetMapping("/versions")
    public ResponseEntity<?> versions(@PathVariable String id) {
        long articleId = articleId(id);
        current(articleId); // 404 for another user's article, rather than an empty list
        List<VersionJson> versions = annotations.versions(articleId).stream().map(AnnotationApiController::toJson)
                .toList();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(versions);
    }

    /** One saved version with its notes. */
    @GetMapping("/versions/{number}")
    public ResponseEntity<?> version(@PathVariable String id, @PathVariable String number) {
        long articleId = articleId(id);
        int n = parse(number).filter(v -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE).map(Long::intValue)
                .orElseThrow(() -> new ApiRefusal(HttpStatus.NOT_FOUND, "There is no version " + number
                        + " of article " + articleId + "."));
        current(articleId);
        ArticleSnapshot version = annotations.version(articleId, n).orElseThrow(() -> new ApiRefusal(
                HttpStatus.NOT_FOUND, "There is no version " + n + " of article " + articleId + "."));
        List<VersionNoteJson> notes = version.blocks().stream().filter(b -> b.note() != null)
                .map(b -> new VersionNoteJson(b.position(), b.note())).toList();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new VersionDetailsJson(
                n, format(version), version.message(), version.title(), notes));
    }

    private ArticleSnapshot current(long articleId) {
        return annotations.annotated(articleId, null).map(AnnotatedArticle::snapshot)
                .orElseThrow(() -> missing(articleId));
    }

    /** Another user's article answers exactly like one that does not exist. */
    private static ApiRefusal missing(long articleId) {
        return new ApiRefusal(HttpStatus.NOT_FOUND, "There is no article " + articleId + ".");
    }

    private static long articleId(String id) {
        return parse(id).orElseThrow(() -> new ApiRefusal(HttpStatus.NOT_FOUND, "There is no article " + id + "."));
    }

    private static Optional<Long> parse(String value) {
        try {
            return Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static VersionJson toJson(VersionInfo version) {
        return new VersionJson(version.number(), DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(version.savedAt()),
                version.message());
    }

    private static String format(ArticleSnapshot version) {
        return version.savedAt() == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(version.savedAt());
    }

}
