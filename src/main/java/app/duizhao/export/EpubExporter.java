package app.duizhao.export;

import app.duizhao.annotation.AnnotatedArticle;
import app.duizhao.annotation.HighlightInfo;
import app.duizhao.annotation.Side;
import app.duizhao.base.Html;
import app.duizhao.base.Markdown;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import app.duizhao.library.ArticleSnapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static app.duizhao.export.HtmlExporter.lines;

/**
 * Writes an EPUB 3 book: each Chinese paragraph followed by its English, notes after them, highlights marked.
 * The zip is laid out as the spec requires: {@code mimetype} first and stored, then the container, package
 * document, navigation document, the text and its stylesheet.
 */
final class EpubExporter {

    static final String TEXT = "OEBPS/text.xhtml";

    byte[] export(AnnotatedArticle annotated, List<VocabularyRow> vocabulary, OffsetDateTime now) {
        ArticleSnapshot article = annotated.snapshot();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            byte[] mimetype = "application/epub+zip".getBytes(StandardCharsets.US_ASCII);
            ZipEntry first = new ZipEntry("mimetype");
            first.setMethod(ZipEntry.STORED);
            first.setSize(mimetype.length);
            first.setCompressedSize(mimetype.length);
            CRC32 crc = new CRC32();
            crc.update(mimetype);
            first.setCrc(crc.getValue());
            zip.putNextEntry(first);
            zip.write(mimetype);
            zip.closeEntry();
            put(zip, "META-INF/container.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
                      <rootfiles>
                        <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
                      </rootfiles>
                    </container>
                    """);
            put(zip, "OEBPS/content.opf", opf(article, now));
            put(zip, "OEBPS/nav.xhtml", nav(article));
            put(zip, "OEBPS/style.css", CSS);
            put(zip, TEXT, text(annotated, vocabulary));
        } catch (IOException e) {
            throw new ExportException("Could not write the EPUB: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String opf(ArticleSnapshot article, OffsetDateTime now) {
        String id = "urn:uuid:" + UUID.nameUUIDFromBytes(("duizhao:" + article.articleId() + ":"
                + (article.versionNumber() == null ? "current" : article.versionNumber()))
                .getBytes(StandardCharsets.UTF_8));
        String modified = DateTimeFormatter.ISO_INSTANT.format(now.withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS));
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"uid\" ")
                .append("xml:lang=\"").append(Html.escape(article.language())).append("\">\n")
                .append("  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
                .append("    <dc:identifier id=\"uid\">").append(id).append("</dc:identifier>\n")
                .append("    <dc:title>").append(Html.escape(article.title())).append("</dc:title>\n")
                .append("    <dc:language>").append(Html.escape(article.language())).append("</dc:language>\n")
                .append("    <dc:language>en</dc:language>\n");
        if (article.author() != null) {
            out.append("    <dc:creator>").append(Html.escape(article.author())).append("</dc:creator>\n");
        }
        if (article.sourceUrl() != null) {
            out.append("    <dc:source>").append(Html.escape(article.sourceUrl())).append("</dc:source>\n");
        }
        out.append("    <meta property=\"dcterms:modified\">").append(modified).append("</meta>\n")
                .append("  </metadata>\n  <manifest>\n")
                .append("    <item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n")
                .append("    <item id=\"text\" href=\"text.xhtml\" media-type=\"application/xhtml+xml\"/>\n")
                .append("    <item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>\n")
                .append("  </manifest>\n  <spine>\n    <itemref idref=\"text\"/>\n  </spine>\n</package>\n");
        return out.toString();
    }

    private static String nav(ArticleSnapshot article) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
                + "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">\n"
                + "<head><meta charset=\"utf-8\"/><title>" + Html.escape(article.title()) + "</title></head>\n<body>\n"
                + "<nav epub:type=\"toc\" id=\"toc\"><h1>Contents</h1><ol><li><a href=\"text.xhtml\">"
                + Html.escape(article.title()) + "</a></li></ol></nav>\n</body>\n</html>\n";
    }

    private static String text(AnnotatedArticle annotated, List<VocabularyRow> vocabulary) {
        ArticleSnapshot article = annotated.snapshot();
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
                .append("<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" ")
                .append("xml:lang=\"").append(Html.escape(article.language())).append("\" lang=\"")
                .append(Html.escape(article.language())).append("\">\n<head><meta charset=\"utf-8\"/><title>")
                .append(Html.escape(article.title())).append("</title>")
                .append("<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/></head>\n<body>\n")
                .append("<h1>").append(Html.escape(article.title())).append("</h1>\n");
        if (article.summary() != null && !article.summary().isBlank()) {
            out.append("<section class=\"summary\" xml:lang=\"en\" lang=\"en\"><h2>")
                    .append(article.isOfflineSummary() ? "Key sentences (offline extract)" : "Summary")
                    .append("</h2><p>").append(lines(article.summary().strip())).append("</p></section>\n");
        }
        for (SnapshotBlock block : article.blocks()) {
            if (block.isImage()) {
                out.append("<p class=\"image\">[Image").append(block.text().isBlank() ? "" : ": " + Html.escape(block.text()))
                        .append("]</p>\n");
                continue;
            }
            String tag = "heading".equals(block.kind()) ? "h2" : "p";
            out.append('<').append(tag).append(" class=\"zh\">")
                    .append(marked(block.text(), annotated.anchored(block.position(), Side.ZH))).append("</")
                    .append(tag).append(">\n");
            if (block.english() != null && !block.english().isBlank()) {
                out.append('<').append(tag).append(" class=\"en\" xml:lang=\"en\" lang=\"en\">")
                        .append(marked(block.english(), annotated.anchored(block.position(), Side.EN)))
                        .append("</").append(tag).append(">\n");
            }
            for (HighlightInfo h : annotated.highlights()) {
                if (h.blockPosition() == block.position() && !h.orphaned() && h.note() != null) {
                    out.append("<aside class=\"note\" xml:lang=\"en\" lang=\"en\"><b>").append(Html.escape(h.exact()))
                            .append("</b>: ").append(Markdown.toSafeHtml(h.note())).append("</aside>\n");
                }
            }
            if (block.note() != null) {
                out.append("<aside class=\"note\" xml:lang=\"en\" lang=\"en\"><b>Note:</b> ")
                        .append(Markdown.toSafeHtml(block.note())).append("</aside>\n");
            }
        }
        if (!vocabulary.isEmpty()) {
            out.append("<h2>Vocabulary</h2>\n<table><tr><th>Word</th><th>Pinyin</th><th>Definition</th></tr>\n");
            for (VocabularyRow row : vocabulary) {
                out.append("<tr><td>").append(Html.escape(row.word())).append("</td><td>").append(Html.escape(row.pinyin()))
                        .append("</td><td>").append(Html.escape(row.definition())).append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static String marked(String text, List<HighlightInfo> highlights) {
        StringBuilder out = new StringBuilder();
        for (Marks.Piece piece : Marks.pieces(text, highlights)) {
            if (piece.highlight() == null) {
                out.append(lines(piece.text()));
            } else {
                out.append("<mark class=\"hl-").append(piece.highlight().colour().code()).append("\">")
                        .append(lines(piece.text())).append("</mark>");
            }
        }
        return out.toString();
    }

    private static final String CSS = """
            body { line-height: 1.6; }
            .zh { margin: 1em 0 0.2em 0; font-size: 1.1em; }
            .en { margin: 0 0 0.6em 0; color: #333; font-style: italic; }
            .note { margin: 0 0 1em 1em; font-size: 0.85em; color: #555; border-left: 2px solid #e0c060; padding-left: 0.5em; }
            .summary { background: #f4f4ef; padding: 0.3em 0.8em; }
            mark { background: #fff3a3; }
            .hl-green { background: #c8f0c0; } .hl-blue { background: #c6e2ff; }
            .hl-pink { background: #ffc8e0; } .hl-purple { background: #e0d0ff; }
            """;
}
