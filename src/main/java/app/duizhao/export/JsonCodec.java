package app.duizhao.export;

import app.duizhao.annotation.AnnotatedArticle;
import app.duizhao.annotation.DraftInfo;
import app.duizhao.importing.ImportException;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The JSON export's format: everything about an article, written by {@link JsonExportWriter} and read back for the
 * import by {@link JsonExportReader}, which checks everything before anything is stored and says clearly what is wrong.
 *
 * <p>Schema 2 (this one) holds: metadata (title, author, source, link, date, the source's tags and categories,
 * language, original file name, import time); the summary with its kind and model; the translation's kind and
 * model; every block with its text, image, machine English with its kind and model, the last translation error,
 * the user's correction, note and edit count ({@code revision}); what the cleaner removed, with where it stood
 * ({@code removed}); autosaved drafts and texts kept from edit conflicts ({@code drafts}); the user's tags;
 * highlights as W3C Web Annotation objects (quote and position selectors, colour as style class, Markdown note as
 * body, created and modified times, orphaned flag); and every saved version with its number, time, message,
 * blocks, summary, tags and highlights (a version's highlight has the id of the live highlight it was copied
 * from, so the import can keep them linked). Schema 1 lacked the models, translation errors, edit counts, removed
 * fragments, drafts and original file name; it is still read. Glossary terms are not part of an article (they
 * are the user's, global or per source) and the cost record of LLM calls is not either, so neither is exported.
 */
final class JsonCodec {

    static final String FORMAT = "duizhao-article";
    static final int SCHEMA_VERSION = 2;
    static final String ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
    static final String HIGHLIGHT_ID = "urn:duizhao:highlight:";
    /** The original file name of an article imported from an export that does not name one. */
    static final String IMPORTED_FILE_NAME = "duizhao-export.json";
    private final JsonExportWriter writer = new JsonExportWriter();
    private final JsonExportReader reader = new JsonExportReader();

    /** Something the cleaner removed, and where it stood: before kept block {@code nextBlock}. */
    record Removed(String reason, String text, int nextBlock) {
    }

    /**
     * What the export holds of the current article beyond its snapshot and annotations.
     *
     * @param revisions how many times each block's English or note was saved, by position (absent: never)
     */
    record Extras(String originalFileName, OffsetDateTime importedAt, List<Removed> removed, List<DraftInfo> drafts,
                  Map<Integer, Long> revisions) {

        static final Extras NONE = new Extras(null, null, List.of(), List.of(), Map.of());

        Extras {
            removed = List.copyOf(removed);
            drafts = List.copyOf(drafts);
            revisions = Map.copyOf(revisions);
        }
    }

    /** An article read from a JSON export, with its saved versions and what else the export held of it. */
    record Parsed(AnnotatedArticle current, List<AnnotatedArticle> versions, Extras extras) {
    }

    byte[] write(AnnotatedArticle current, List<AnnotatedArticle> versions, OffsetDateTime now) {
        return write(current, Extras.NONE, versions, now);
    }

    byte[] write(AnnotatedArticle current, Extras extras, List<AnnotatedArticle> versions, OffsetDateTime now) {
        return writer.write(current, extras, versions, now);
    }

    /**
     * Reads a JSON export.
     *
     * @throws ImportException for a file that is not JSON or cut short, JSON that is not a Duizhao export, an
     *                         export from a newer schema, or missing or malformed fields
     */
    Parsed read(byte[] content) {
        return reader.read(content);
    }
}
