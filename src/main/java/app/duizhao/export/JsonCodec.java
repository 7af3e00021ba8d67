package app.duizhao.export;

import app.duizhao.annotation.AnnotatedArticle;
import app.duizhao.annotation.DraftField;
import app.duizhao.annotation.DraftInfo;
import app.duizhao.annotation.HighlightColour;
import app.duizhao.annotation.HighlightInfo;
import app.duizhao.annotation.Side;
import app.duizhao.importing.ImportException;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON export: everything about an article, and its reading back for the import. Reading checks everything
 * before anything is stored, and says clearly what is wrong.
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
    private static final Pattern SOURCE = Pattern.compile("urn:duizhao:block:(\\d+):(zh|en)");
    private static final Pattern HIGHLIGHT = Pattern.compile(Pattern.quote(HIGHLIGHT_ID) + "(-?\\d{1,18})");

    private final JsonMapper mapper = JsonMapper.builder().build();

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
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("exportedAt", now.toString());
        root.put("generator", "Duizhao");
        ObjectNode article = article(current, extras.revisions());
        article.put("originalFileName", extras.originalFileName());
        article.put("importedAt", extras.importedAt() == null ? null : extras.importedAt().toString());
        ArrayNode removed = article.putArray("removed");
        for (Removed r : extras.removed()) {
            ObjectNode node = removed.addObject();
            node.put("reason", r.reason());
            node.put("text", r.text());
            node.put("nextBlock", r.nextBlock());
        }
        ArrayNode drafts = article.putArray("drafts");
        for (DraftInfo d : extras.drafts()) {
            ObjectNode node = drafts.addObject();
            node.put("blockPosition", d.blockPosition());
            node.put("field", d.field().code());
            node.put("text", d.text());
            node.put("savedAt", d.savedAt() == null ? null : d.savedAt().toString());
        }
        root.set("article", article);
        ArrayNode saved = root.putArray("versions");
        for (AnnotatedArticle version : versions) {
            ObjectNode node = article(version, null);
            node.put("number", version.snapshot().versionNumber());
            node.put("savedAt", version.snapshot().savedAt().toString());
            node.put("message", version.snapshot().message());
            saved.add(node);
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /** An article or version; {@code revisions} (edit counts) only for the current article. */
    private ObjectNode article(AnnotatedArticle annotated, Map<Integer, Long> revisions) {
        ArticleSnapshot a = annotated.snapshot();
        ObjectNode node = mapper.createObjectNode();
        node.put("id", a.articleId());
        node.put("title", a.title());
        node.put("author", a.author());
        node.put("sourceName", a.sourceName());
        node.put("sourceUrl", a.sourceUrl());
        node.put("publishedAt", a.publishedAt() == null ? null : a.publishedAt().toString());
        strings(node.putArray("sourceTags"), a.tags());
        strings(node.putArray("categories"), a.categories());
        strings(node.putArray("tags"), annotated.userTags());
        node.put("language", a.language());
        node.put("summary", a.summary());
        node.put("summaryKind", a.summaryKind());
        node.put("summaryModel", a.summaryModel());
        node.put("translationKind", a.translationKind());
        node.put("translationModel", a.translationModel());
        ArrayNode blocks = node.putArray("blocks");
        for (SnapshotBlock b : a.blocks()) {
            ObjectNode block = blocks.addObject();
            block.put("position", b.position());
            block.put("kind", b.kind());
            block.put("text", b.text());
            block.put("imageUrl", b.imageUrl());
            block.put("machineEnglish", b.machineEnglish());
            block.put("machineKind", b.machineKind());
            block.put("machineModel", b.machineModel());
            block.put("correctedEnglish", b.correctedEnglish());
            block.put("note", b.note());
            if (revisions != null) {
                block.put("translationError", b.error());
                block.put("revision", revisions.getOrDefault(b.position(), 0L));
            }
        }
        ArrayNode annotations = node.putArray("annotations");
        for (HighlightInfo h : annotated.highlights()) {
            annotations.add(annotation(h));
        }
        return node;
    }

    /** A highlight as a W3C Web Annotation: quote and position selectors on the block's side, note as body. */
    private ObjectNode annotation(HighlightInfo h) {
        ObjectNode node = mapper.createObjectNode();
        node.put("@context", ANNO_CONTEXT);
        if (h.id() != null) {
            node.put("id", HIGHLIGHT_ID + h.id());
        }
        node.put("type", "Annotation");
        node.put("motivation", h.note() == null ? "highlighting" : "commenting");
        if (h.createdAt() != null) {
            node.put("created", h.createdAt().toString());
        }
        if (h.updatedAt() != null) {
            node.put("modified", h.updatedAt().toString());
        }
        if (h.note() != null) {
            ObjectNode body = node.putObject("body");
            body.put("type", "TextualBody");
            body.put("value", h.note());
            body.put("format", "text/markdown");
            body.put("purpose", "commenting");
        }
        ObjectNode target = node.putObject("target");
        target.put("source", "urn:duizhao:block:" + h.blockPosition() + ":" + h.side().code());
        target.put("styleClass", "dz-hl-" + h.colour().code());
        ArrayNode selectors = target.putArray("selector");
        ObjectNode quote = selectors.addObject();
        quote.put("type", "TextQuoteSelector");
        quote.put("exact", h.exact());
        quote.put("prefix", h.prefix());
        quote.put("suffix", h.suffix());
        ObjectNode position = selectors.addObject();
        position.put("type", "TextPositionSelector");
        position.put("start", h.start());
        position.put("end", h.end());
        node.put("orphaned", h.orphaned());
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a JSON export.
     *
     * @throws ImportException for a file that is not JSON or cut short, JSON that is not a Duizhao export, an
     *                         export from a newer schema, or missing or malformed fields
     */
    Parsed read(byte[] content) {
        if (content == null || content.length == 0) {
            throw new ImportException("The file is empty.");
        }
        JsonNode root;
        try {
            root = mapper.readTree(content);
        } catch (JacksonException e) {
            throw new ImportException("The file is not complete JSON; it may be truncated or damaged ("
                    + firstLine(e.getOriginalMessage()) + ").", e);
        }
        if (root == null || !root.isObject()) {
            throw new ImportException("The JSON is not a Duizhao export: expected an object with "
                    + "\"format\": \"" + FORMAT + "\".");
        }
        if (!FORMAT.equals(root.path("format").asString(null))) {
            throw new ImportException("The JSON is not a Duizhao export: it has no \"format\": \"" + FORMAT
                    + "\". Only files exported from Duizhao as JSON can be imported this way.");
        }
        JsonNode schema = root.path("schemaVersion");
        if (!schema.isIntegralNumber()) {
            throw new ImportException("The Duizhao export has no schema version, so it cannot be read safely.");
        }
        if (schema.asInt() > SCHEMA_VERSION) {
            throw new ImportException("The export was written by a newer Duizhao (schema version " + schema.asInt()
                    + "; this one reads up to " + SCHEMA_VERSION + "). Update Duizhao to import it.");
        }
        if (schema.asInt() < 1) {
            throw new ImportException("The export has an unknown schema version " + schema.asInt() + ".");
        }
        int version = schema.asInt();
        JsonNode articleNode = root.path("article");
        AnnotatedArticle current = article(articleNode, "article", null, version);
        List<AnnotatedArticle> versions = new ArrayList<>();
        JsonNode saved = root.path("versions");
        if (!saved.isMissingNode() && !saved.isNull()) {
            if (!saved.isArray()) {
                throw new ImportException("\"versions\" must be a list.");
            }
            for (int i = 0; i < saved.size(); i++) {
                versions.add(article(saved.get(i), "versions[" + i + "]", current.snapshot(), version));
            }
        }
        return new Parsed(current, versions, extras(articleNode, current.snapshot().blocks().size()));
    }

    /** The removed fragments, drafts and edit counts of the current article (absent in schema 1: none). */
    private Extras extras(JsonNode node, int blockCount) {
        List<Removed> removed = new ArrayList<>();
        JsonNode removedNode = list(node, "removed", "article");
        for (int i = 0; i < removedNode.size(); i++) {
            JsonNode r = removedNode.get(i);
            String at = "article.removed[" + i + "]";
            if (!r.isObject()) {
                throw new ImportException(at + " is not an object.");
            }
            String reason = required(r, "reason", at);
            String text = r.path("text").asString(null);
            if (text == null) {
                throw new ImportException(at + " has no text.");
            }
            JsonNode next = r.path("nextBlock");
            if (!next.isIntegralNumber() || next.asInt() < 0 || next.asInt() > blockCount) {
                throw new ImportException(at + ".nextBlock must be a block position from 0 to " + blockCount + ".");
            }
            removed.add(new Removed(reason, text, next.asInt()));
        }
        List<DraftInfo> drafts = new ArrayList<>();
        JsonNode draftsNode = list(node, "drafts", "article");
        for (int i = 0; i < draftsNode.size(); i++) {
            JsonNode d = draftsNode.get(i);
            String at = "article.drafts[" + i + "]";
            if (!d.isObject()) {
                throw new ImportException(at + " is not an object.");
            }
            JsonNode position = d.path("blockPosition");
            if (!position.isIntegralNumber() || position.asInt() < 0 || position.asInt() >= blockCount) {
                throw new ImportException(at + " targets no block of this article.");
            }
            DraftField field;
            try {
                field = DraftField.of(required(d, "field", at));
            } catch (IllegalArgumentException e) {
                throw new ImportException(at + ".field is not one of english, note, conflict-english, "
                        + "conflict-note, highlight-conflict.", e);
            }
            String text = required(d, "text", at);
            drafts.add(new DraftInfo(0, position.asInt(), field, text, time(d, "savedAt", at)));
        }
        Map<Integer, Long> revisions = new LinkedHashMap<>();
        JsonNode blocks = node.path("blocks");
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode revision = blocks.get(i).path("revision");
            if (revision.isMissingNode() || revision.isNull()) {
                continue;
            }
            if (!revision.isIntegralNumber() || revision.asLong() < 0) {
                throw new ImportException("article.blocks[" + i + "].revision must be a whole number from 0.");
            }
            if (revision.asLong() > 0) {
                revisions.put(i, revision.asLong());
            }
        }
        // Schema 1 had no file name: the import then names the export itself.
        String fileName = node.has("originalFileName") ? optional(node, "originalFileName") : IMPORTED_FILE_NAME;
        return new Extras(fileName, time(node, "importedAt", "article"), removed, drafts, revisions);
    }

    /** A list field, empty when absent. */
    private JsonNode list(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return mapper.createArrayNode();
        }
        if (!value.isArray()) {
            throw new ImportException(where + "." + field + " must be a list.");
        }
        return value;
    }

    private AnnotatedArticle article(JsonNode node, String where, ArticleSnapshot parent, int schema) {
        if (!node.isObject()) {
            throw new ImportException("The export has no " + where + " object.");
        }
        String title = required(node, "title", where);
        String language = parent != null ? parent.language() : required(node, "language", where);
        Integer number = null;
        OffsetDateTime savedAt = null;
        if (parent != null) {
            if (!node.path("number").isIntegralNumber() || node.path("number").asInt() < 1) {
                throw new ImportException(where + " has no valid version number.");
            }
            number = node.path("number").asInt();
            savedAt = time(node, "savedAt", where);
            if (savedAt == null) {
                throw new ImportException(where + " has no savedAt time.");
            }
        }
        JsonNode blocksNode = node.path("blocks");
        if (!blocksNode.isArray() || blocksNode.isEmpty()) {
            throw new ImportException(where + " has no blocks: there is nothing to import.");
        }
        List<SnapshotBlock> blocks = new ArrayList<>();
        for (int i = 0; i < blocksNode.size(); i++) {
            JsonNode b = blocksNode.get(i);
            String at = where + ".blocks[" + i + "]";
            if (!b.isObject()) {
                throw new ImportException(at + " is not an object.");
            }
            if (b.path("position").asInt(-1) != i) {
                throw new ImportException(at + " should have position " + i + ".");
            }
            String kind = required(b, "kind", at);
            String text = b.path("text").asString(null);
            if (text == null) {
                throw new ImportException(at + " has no text.");
            }
            String machineEnglish = optional(b, "machineEnglish");
            String machineModel = optional(b, "machineModel");
            if (schema < 2 && machineEnglish != null) {
                // Schema 1 kept only the article's translation model.
                machineModel = optional(node, "translationModel");
            }
            blocks.add(new SnapshotBlock(i, kind, text, optional(b, "imageUrl"), machineEnglish,
                    optional(b, "machineKind"), optional(b, "correctedEnglish"),
                    parent == null ? optional(b, "translationError") : null, optional(b, "note"), machineModel));
        }
        String summary = optional(node, "summary");
        String summaryModel = schema < 2 && summary != null ? optional(node, "translationModel")
                : optional(node, "summaryModel");
        ArticleSnapshot snapshot = new ArticleSnapshot(0, title,
                parent != null ? parent.author() : optional(node, "author"),
                parent != null ? parent.sourceName() : optional(node, "sourceName"),
                parent != null ? parent.sourceUrl() : optional(node, "sourceUrl"),
                parent != null ? parent.publishedAt() : time(node, "publishedAt", where),
                parent != null ? parent.tags() : strings(node, "sourceTags", where),
                parent != null ? parent.categories() : strings(node, "categories", where),
                language, summary, optional(node, "summaryKind"), optional(node, "translationKind"),
                optional(node, "translationModel"), number, savedAt, parent == null ? null : optional(node, "message"),
                blocks, summaryModel);
        List<HighlightInfo> highlights = new ArrayList<>();
        JsonNode annotations = node.path("annotations");
        if (!annotations.isMissingNode() && !annotations.isNull()) {
            if (!annotations.isArray()) {
                throw new ImportException(where + ".annotations must be a list.");
            }
            for (int i = 0; i < annotations.size(); i++) {
                highlights.add(highlight(annotations.get(i), where + ".annotations[" + i + "]", blocks.size()));
            }
        }
        return new AnnotatedArticle(snapshot, highlights, strings(node, "tags", where));
    }

    private static HighlightInfo highlight(JsonNode node, String where, int blockCount) {
        if (!node.isObject() || !"Annotation".equals(node.path("type").asString(null))) {
            throw new ImportException(where + " is not a Web Annotation (type \"Annotation\").");
        }
        JsonNode target = node.path("target");
        Matcher source = SOURCE.matcher(target.path("source").asString(""));
        if (!source.matches() || Integer.parseInt(source.group(1)) >= blockCount) {
            throw new ImportException(where + " targets no block of this article.");
        }
        String exact = null;
        String prefix = "";
        String suffix = "";
        Integer start = null;
        Integer end = null;
        for (JsonNode selector : target.path("selector")) {
            switch (selector.path("type").asString("")) {
                case "TextQuoteSelector" -> {
                    exact = selector.path("exact").asString(null);
                    prefix = selector.path("prefix").asString("");
                    suffix = selector.path("suffix").asString("");
                }
                case "TextPositionSelector" -> {
                    start = selector.path("start").asInt(0);
                    end = selector.path("end").asInt(0);
                }
                default -> { }
            }
        }
        if (exact == null || exact.isEmpty()) {
            throw new ImportException(where + " has no TextQuoteSelector with the quoted text.");
        }
        if (start == null) {
            start = 0;
            end = exact.length();
        }
        String style = target.path("styleClass").asString("dz-hl-yellow");
        String note = node.path("body").path("value").asString(null);
        Matcher id = HIGHLIGHT.matcher(node.path("id").asString(""));
        HighlightColour colour = HighlightColour.of(style.replaceFirst("^dz-hl-", ""));
        return new HighlightInfo(id.matches() ? Long.valueOf(id.group(1)) : null, Integer.parseInt(source.group(1)),
                Side.of(source.group(2)), exact, prefix, suffix, start, end, colour, note,
                node.path("orphaned").asBoolean(false), time(node, "created", where), time(node, "modified", where));
    }

    private static String required(JsonNode node, String field, String where) {
        String value = node.path(field).asString(null);
        if (value == null || value.isBlank()) {
            throw new ImportException(where + " has no " + field + ".");
        }
        return value;
    }

    private static String optional(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asString(null);
    }

    private static OffsetDateTime time(JsonNode node, String field, String where) {
        String value = optional(node, field);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new ImportException(where + "." + field + " is not a date-time: " + value, e);
        }
    }

    private static List<String> strings(JsonNode node, String field, String where) {
        JsonNode array = node.path(field);
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new ImportException(where + "." + field + " must be a list.");
        }
        List<String> result = new ArrayList<>();
        array.forEach(item -> result.add(item.asString("")));
        return result;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
