package app.duizhao.export;

import app.duizhao.annotation.AnnotatedArticle;
import app.duizhao.annotation.DraftInfo;
import app.duizhao.annotation.HighlightInfo;
import app.duizhao.export.JsonCodec.Extras;
import app.duizhao.export.JsonCodec.Removed;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static app.duizhao.export.JsonCodec.ANNO_CONTEXT;
import static app.duizhao.export.JsonCodec.FORMAT;
import static app.duizhao.export.JsonCodec.HIGHLIGHT_ID;
import static app.duizhao.export.JsonCodec.SCHEMA_VERSION;

/** Writes the JSON export (see {@link JsonCodec} for what it holds). */
final class JsonExportWriter {

    private final JsonMapper mapper = JsonMapper.builder().build();

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
}
