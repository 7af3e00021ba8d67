package app.duizhao.export;

import app.duizhao.annotation.AnnotatedArticle;
import app.duizhao.annotation.DraftField;
import app.duizhao.annotation.DraftInfo;
import app.duizhao.annotation.HighlightColour;
import app.duizhao.annotation.HighlightInfo;
import app.duizhao.annotation.Side;
import app.duizhao.export.JsonCodec.Extras;
import app.duizhao.export.JsonCodec.Parsed;
import app.duizhao.export.JsonCodec.Removed;
import app.duizhao.importing.ImportException;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static app.duizhao.export.JsonCodec.FORMAT;
import static app.duizhao.export.JsonCodec.HIGHLIGHT_ID;
import static app.duizhao.export.JsonCodec.IMPORTED_FILE_NAME;
import static app.duizhao.export.JsonCodec.SCHEMA_VERSION;

/** Reads a JSON export back, checking everything before anything is stored (see {@link JsonCodec}). */
final class JsonExportReader {

    private static final Pattern SOURCE = Pattern.compile("urn:duizhao:block:(\\d+):(zh|en)");
    private static final Pattern HIGHLIGHT = Pattern.compile(Pattern.quote(HIGHLIGHT_ID) + "(-?\\d{1,18})");

    private final JsonMapper mapper = JsonMapper.builder().build();

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
