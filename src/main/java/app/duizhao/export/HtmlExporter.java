package app.duizhao.export;

import app.duizhao.annotation.AnnotatedArticle;
import app.duizhao.annotation.HighlightInfo;
import app.duizhao.annotation.Side;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Writes an article as one standalone, print-friendly XHTML page: styles inline, Chinese and English side by side,
 * notes in the margin, highlights as coloured marks. Well-formed XML, so the PDF renderer reads the same page.
 */
final class HtmlExporter {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

    private static final String CJK_FONTS = "\"PingFang SC\", \"Hiragino Sans GB\", \"Microsoft YaHei\", "
            + "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"WenQuanYi Micro Hei\", \"Droid Sans Fallback\", sans-serif";

    /**
     * @param pdfFont the font family the PDF renderer registered for CJK text, or {@code null} for a web page
     */
    String export(AnnotatedArticle annotated, List<VocabularyRow> vocabulary, String pdfFont) {
        ArticleSnapshot article = annotated.snapshot();
        String fonts = pdfFont == null ? CJK_FONTS : "\"" + pdfFont + "\", sans-serif";
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"")
                .append(esc(article.language())).append("\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"generator\" content=\"Duizhao\"/>\n<title>").append(esc(article.title()))
                .append("</title>\n<style>\n").append(css(fonts, pdfFont != null)).append("</style>\n</head>\n<body>\n");
        out.append("<h1 lang=\"").append(esc(article.language())).append("\">").append(esc(article.title()))
                .append("</h1>\n<p class=\"meta\">").append(esc(meta(article, annotated.userTags()))).append("</p>\n");
        if (article.isSavedVersion()) {
            out.append("<p class=\"meta\">Version ").append(article.versionNumber()).append(", saved ")
                    .append(esc(DATE.format(article.savedAt())))
                    .append(article.message() == null ? "" : ": " + esc(article.message())).append("</p>\n");
        }
        if (article.summary() != null && !article.summary().isBlank()) {
            out.append("<section class=\"summary\"><h2>")
                    .append(article.isOfflineSummary() ? "Key sentences (offline extract, not a translation)"
                            : "Summary").append("</h2>\n");
            for (String line : article.summary().strip().split("\n")) {
                out.append("<p>").append(esc(line)).append("</p>\n");
            }
            out.append("</section>\n");
        }
        if (article.isOfflineGloss()) {
            out.append("<p class=\"notice\">English column: word-by-word CC-CEDICT dictionary gloss (offline), "
                    + "not a translation.</p>\n");
        }
        out.append("<table class=\"rows\">\n<colgroup><col class=\"c-zh\"/><col class=\"c-en\"/><col class=\"c-notes\"/>"
                + "</colgroup>\n<thead><tr><th>中文</th><th>English</th><th>Notes</th></tr></thead>\n<tbody>\n");
        int[] counter = {0};
        for (SnapshotBlock block : article.blocks()) {
            row(block, annotated, article.language(), counter, out);
        }
        out.append("</tbody>\n</table>\n");
        if (!annotated.orphaned().isEmpty()) {
            out.append("<section class=\"orphans\"><h2>Orphaned annotations</h2>\n<ul>\n");
            for (HighlightInfo h : annotated.orphaned()) {
                out.append("<li>Paragraph ").append(h.blockPosition() + 1).append(" (")
                        .append(h.side() == Side.ZH ? "Chinese" : "English").append("): <mark class=\"hl hl-")
                        .append(h.colour().code()).append("\">").append(esc(h.exact())).append("</mark>")
                        .append(h.note() == null ? "" : " — " + esc(h.note())).append("</li>\n");
            }
            out.append("</ul></section>\n");
        }
        if (!vocabulary.isEmpty()) {
            out.append("<section class=\"vocabulary\"><h2>Vocabulary</h2>\n<table class=\"vocab\"><thead><tr>"
                    + "<th>Word</th><th>Pinyin</th><th>Definition</th><th>Sentence</th></tr></thead><tbody>\n");
            for (VocabularyRow row : vocabulary) {
                out.append("<tr><td class=\"zh\">").append(esc(row.word())).append("</td><td>")
                        .append(esc(row.pinyin())).append("</td><td>").append(esc(row.definition()))
                        .append("</td><td class=\"zh\">").append(esc(row.sentence())).append("</td></tr>\n");
            }
            out.append("</tbody></table></section>\n");
        }
        out.append("<p class=\"footer\">Exported from Duizhao. Dictionary glosses use CC-CEDICT (MDBG), "
                + "CC BY-SA 4.0.</p>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void row(SnapshotBlock block, AnnotatedArticle annotated, String language, int[] counter,
                            StringBuilder out) {
        String tag = "heading".equals(block.kind()) ? "h3" : "p";
        out.append("<tr class=\"row kind-").append(esc(block.kind())).append("\" id=\"b").append(block.position())
                .append("\">");
        List<String> notes = new ArrayList<>();
        out.append("<td class=\"zh\" lang=\"").append(esc(language)).append("\">");
        if (block.isImage()) {
            out.append("<p class=\"image\">Image").append(block.text().isBlank() ? "" : ": " + esc(block.text()));
            if (block.imageUrl() != null && block.imageUrl().matches("(?i)https?://.*")) {
                out.append(" <a href=\"").append(esc(block.imageUrl())).append("\">(link)</a>");
            }
            out.append("</p>");
        } else {
            out.append('<').append(tag).append('>')
                    .append(marked(block.text(), annotated.anchored(block.position(), Side.ZH), counter, notes))
                    .append("</").append(tag).append('>');
        }
        out.append("</td><td class=\"en\" lang=\"en\">");
        String english = block.english();
        if (english != null && !english.isBlank()) {
            out.append('<').append(tag).append('>')
                    .append(marked(english, annotated.anchored(block.position(), Side.EN), counter, notes))
                    .append("</").append(tag).append('>');
            if (block.isCorrected()) {
                out.append("<p class=\"label\">Corrected by hand</p>");
            }
        }
        out.append("</td><td class=\"notes\">");
        for (String note : notes) {
            out.append("<p class=\"note\">").append(note).append("</p>");
        }
        if (block.note() != null) {
            out.append("<p class=\"note block-note\"><b>Note:</b> ").append(lines(block.note())).append("</p>");
        }
        out.append("</td></tr>\n");
    }

    private static String marked(String text, List<HighlightInfo> highlights, int[] counter, List<String> notes) {
        StringBuilder out = new StringBuilder();
        for (Marks.Piece piece : Marks.pieces(text, highlights)) {
            if (piece.highlight() == null) {
                out.append(lines(piece.text()));
                continue;
            }
            out.append("<mark class=\"hl hl-").append(piece.highlight().colour().code()).append("\">")
                    .append(lines(piece.text())).append("</mark>");
            if (piece.highlight().note() != null) {
                counter[0]++;
                out.append("<sup>").append(counter[0]).append("</sup>");
                notes.add("<sup>" + counter[0] + "</sup> " + lines(piece.highlight().note()));
            }
        }
        return out.toString();
    }

    private static String meta(ArticleSnapshot article, List<String> userTags) {
        List<String> parts = new ArrayList<>();
        if (article.sourceName() != null) {
            parts.add(article.sourceName());
        }
        if (article.publishedAt() != null) {
            parts.add(DATE.format(article.publishedAt().atZoneSameInstant(java.time.ZoneOffset.UTC)));
        }
        if (article.author() != null && !article.author().equals(article.sourceName())) {
            parts.add(article.author());
        }
        if (article.sourceUrl() != null) {
            parts.add(article.sourceUrl());
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>(article.tags());
        tags.addAll(userTags);
        if (!tags.isEmpty()) {
            parts.add("Tags: " + String.join(", ", tags));
        }
        return String.join(" · ", parts);
    }

    private static String css(String fonts, boolean pdf) {
        return (pdf ? "@page { size: A4 landscape; margin: 14mm; }\n" : "")
                + "body { font-family: " + fonts + "; line-height: 1.6; color: #222; margin: 2em auto; "
                + "max-width: 78em; padding: 0 1em; }\n"
                + "h1 { font-size: 1.6em; margin-bottom: 0.2em; }\n"
                + ".meta, .footer, .label, .notice { color: #666; font-size: 0.85em; }\n"
                + ".summary { background: #f6f6f2; padding: 0.5em 1em; margin: 1em 0; }\n"
                + "table.rows { width: 100%; border-collapse: collapse; table-layout: fixed; }\n"
                + "col.c-zh { width: 40%; } col.c-en { width: 40%; } col.c-notes { width: 20%; }\n"
                + "table.rows th { text-align: left; border-bottom: 2px solid #999; }\n"
                + "table.rows td { vertical-align: top; padding: 0.4em 0.6em; border-bottom: 1px solid #ddd; }\n"
                + "tr.row { page-break-inside: avoid; }\n"
                + "td.zh { font-size: 1.05em; }\n"
                + "td.notes { font-size: 0.8em; color: #444; border-left: 2px solid #e0c060; }\n"
                + "td p, td h3 { margin: 0 0 0.3em 0; }\n"
                + "mark.hl { padding: 0 1px; } .hl-yellow { background: #fff3a3; } .hl-green { background: #c8f0c0; }\n"
                + ".hl-blue { background: #c6e2ff; } .hl-pink { background: #ffc8e0; } .hl-purple { background: #e0d0ff; }\n"
                + "table.vocab { border-collapse: collapse; width: 100%; }\n"
                + "table.vocab td, table.vocab th { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; }\n"
                + "@media print { body { margin: 0; max-width: none; } a { color: inherit; } }\n";
    }

    /** Escaped text with line breaks as {@code <br/>}. */
    static String lines(String text) {
        return esc(text).replace("\n", "<br/>");
    }

    /** Escapes text for XML content and attributes, dropping characters XML 1.0 forbids and unpaired surrogates. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        // An unpaired half (possible in an imported JSON export) is no character at all: XML
                        // parsers, the PDF renderer's among them, refuse it.
                        continue;
                    } else if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        if (c != '\uFFFE' && c != '\uFFFF') {
                            out.append(c);
                        }
                    }
                }
            }
        }
        return out.toString();
    }
}
