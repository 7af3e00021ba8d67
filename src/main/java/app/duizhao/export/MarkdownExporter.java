package app.duizhao.export;

import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes an article as bilingual Markdown: YAML front matter, the summary, then for each block the Chinese, its
 * English and its note.
 */
final class MarkdownExporter {

    String export(ArticleSnapshot article) {
        StringBuilder out = new StringBuilder();
        frontMatter(article, out);
        out.append("# ").append(oneLine(article.title())).append("\n\n");
        if (article.summary() != null && !article.summary().isBlank()) {
            out.append(article.isOfflineSummary() ? "## Key sentences (offline extract, not a translation)\n\n"
                    : "## Summary\n\n");
            out.append(article.summary().strip()).append("\n\n");
        }
        if (article.isOfflineGloss()) {
            out.append("> English column: word-by-word CC-CEDICT dictionary gloss (offline), not a translation.\n\n");
        }
        out.append("---\n\n");
        for (SnapshotBlock block : article.blocks()) {
            block(block, out);
        }
        out.append("---\n\nExported from Duizhao. Dictionary glosses use CC-CEDICT (MDBG), CC BY-SA 4.0.\n");
        return out.toString();
    }

    private static void frontMatter(ArticleSnapshot article, StringBuilder out) {
        out.append("---\n");
        out.append("title: ").append(yamlString(article.title())).append('\n');
        if (article.author() != null) {
            out.append("author: ").append(yamlString(article.author())).append('\n');
        }
        if (article.sourceName() != null) {
            out.append("source: ").append(yamlString(article.sourceName())).append('\n');
        }
        if (article.sourceUrl() != null) {
            out.append("url: ").append(yamlString(article.sourceUrl())).append('\n');
        }
        if (article.publishedAt() != null) {
            out.append("date: ").append(article.publishedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                    .append('\n');
        }
        if (!article.tags().isEmpty()) {
            out.append("tags: ").append(yamlList(article.tags())).append('\n');
        }
        if (!article.categories().isEmpty()) {
            out.append("categories: ").append(yamlList(article.categories())).append('\n');
        }
        out.append("language: ").append(article.language()).append('\n');
        if (article.translationKind() != null) {
            out.append("translation: ").append(yamlString(
                    "OFFLINE".equals(article.translationKind()) ? "offline dictionary gloss (CC-CEDICT)"
                            : article.translationModel())).append('\n');
        }
        if (article.isSavedVersion()) {
            out.append("version: ").append(article.versionNumber()).append('\n');
            out.append("saved: ").append(article.savedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
            if (article.message() != null) {
                out.append("message: ").append(yamlString(article.message())).append('\n');
            }
        }
        out.append("---\n\n");
    }

    private static void block(SnapshotBlock block, StringBuilder out) {
        if (block.isImage()) {
            out.append("![").append(escapeInline(block.text())).append("](").append(block.imageUrl()).append(")\n\n");
            return;
        }
        String prefix = switch (block.kind()) {
            case "heading" -> "### ";
            case "quote" -> "> ";
            case "list-item" -> "- ";
            default -> "";
        };
        out.append(prefix).append(block.text().strip()).append("\n\n");
        String english = block.english();
        if (english != null && !english.isBlank()) {
            out.append(prefix).append(english.strip().replace("\n", "\n" + prefix)).append("\n\n");
        }
        if (block.note() != null && !block.note().isBlank()) {
            out.append("> **Note:** ").append(block.note().strip().replace("\n", "\n> ")).append("\n\n");
        }
    }

    private static String yamlString(String value) {
        return '"' + oneLine(value).replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String yamlList(List<String> values) {
        return values.stream().map(MarkdownExporter::yamlString).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String oneLine(String value) {
        return value == null ? "" : value.replaceAll("\\s+", " ").strip();
    }

    private static String escapeInline(String value) {
        return oneLine(value).replace("[", "\\[").replace("]", "\\]");
    }
}
