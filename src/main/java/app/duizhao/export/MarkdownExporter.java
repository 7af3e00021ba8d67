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
import java.util.stream.Collectors;

/**
 * Writes an article as bilingual Markdown that reads well in Obsidian: YAML front matter, the summary, then for
 * each block the Chinese followed by its English; highlights as {@code ==marks==}; the notes of highlights and of
 * blocks as footnotes; orphaned annotations listed, and a vocabulary table.
 */
final class MarkdownExporter {

    String export(ArticleSnapshot article) {
        return export(new AnnotatedArticle(article, List.of(), List.of()), List.of());
    }

    String export(AnnotatedArticle annotated, List<VocabularyRow> vocabulary) {
        ArticleSnapshot article = annotated.snapshot();
        List<String> footnotes = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        frontMatter(article, annotated.userTags(), out);
        out.append("# ").append(text(oneLine(article.title()))).append("\n\n");
        if (article.summary() != null && !article.summary().isBlank()) {
            out.append(article.isOfflineSummary() ? "## Key sentences (offline extract, not a translation)\n\n"
                    : "## Summary\n\n");
            out.append(text(article.summary().strip())).append("\n\n");
        }
        if (article.isOfflineGloss()) {
            out.append("> English column: word-by-word CC-CEDICT dictionary gloss (offline), not a translation.\n\n");
        }
        out.append("---\n\n");
        for (SnapshotBlock block : article.blocks()) {
            block(block, annotated, footnotes, out);
        }
        if (!annotated.orphaned().isEmpty()) {
            out.append("## Orphaned annotations\n\n");
            out.append("These highlights no longer match their paragraph's text.\n\n");
            for (HighlightInfo h : annotated.orphaned()) {
                out.append("- Paragraph ").append(h.blockPosition() + 1).append(" (")
                        .append(h.side() == Side.ZH ? "Chinese" : "English").append("): ==")
                        .append(text(oneLine(h.exact()))).append("==");
                if (h.note() != null) {
                    out.append(" — ").append(text(oneLine(h.note())));
                }
                out.append('\n');
            }
            out.append('\n');
        }
        if (!vocabulary.isEmpty()) {
            out.append("## Vocabulary\n\n| Word | Pinyin | Definition | Sentence |\n| --- | --- | --- | --- |\n");
            for (VocabularyRow row : vocabulary) {
                out.append("| ").append(cell(row.word())).append(" | ").append(cell(row.pinyin())).append(" | ")
                        .append(cell(row.definition())).append(" | ").append(cell(row.sentence())).append(" |\n");
            }
            out.append('\n');
        }
        for (int i = 0; i < footnotes.size(); i++) {
            out.append("[^").append(i + 1).append("]: ").append(footnoteText(footnotes.get(i)).replace("\n", "\n    "))
                    .append('\n');
        }
        if (!footnotes.isEmpty()) {
            out.append('\n');
        }
        out.append("---\n\nExported from Duizhao. Dictionary glosses use CC-CEDICT (MDBG), CC BY-SA 4.0.\n");
        return out.toString();
    }

    private static void frontMatter(ArticleSnapshot article, List<String> userTags, StringBuilder out) {
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
        LinkedHashSet<String> tags = new LinkedHashSet<>(article.tags());
        tags.addAll(userTags);
        if (!tags.isEmpty()) {
            out.append("tags: ").append(yamlList(List.copyOf(tags))).append('\n');
        }
        if (!article.categories().isEmpty()) {
            out.append("categories: ").append(yamlList(article.categories())).append('\n');
        }
        out.append("language: ").append(article.language().matches("[A-Za-z-]{1,20}") ? article.language()
                : yamlString(article.language())).append('\n');
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

    private static void block(SnapshotBlock block, AnnotatedArticle annotated, List<String> footnotes,
                              StringBuilder out) {
        if (block.isImage()) {
            // Only a parsed http(s) address becomes an image; anything else is shown as text, never linked.
            String alt = escapeInline(block.text());
            MarkdownText.destination(block.imageUrl()).ifPresentOrElse(
                    url -> out.append("![").append(alt).append("](").append(url).append(")\n\n"),
                    () -> out.append(alt.isEmpty() ? "(image)" : "(image: " + alt + ")").append("\n\n"));
            return;
        }
        String prefix = switch (block.kind()) {
            case "heading" -> "### ";
            case "quote" -> "> ";
            case "list-item" -> "- ";
            default -> "";
        };
        String chinese = marked(block.text(), annotated.anchored(block.position(), Side.ZH), footnotes).strip();
        String english = block.english() == null || block.english().isBlank() ? null
                : marked(block.english(), annotated.anchored(block.position(), Side.EN), footnotes).strip()
                        .replace("\n", "\n" + prefix);
        if (block.note() != null && !block.note().isBlank()) {
            // The block's note is a footnote too, referenced after the block's English (or its Chinese).
            footnotes.add(block.note());
            String reference = "[^" + footnotes.size() + "]";
            if (english != null) {
                english += reference;
            } else {
                chinese += reference;
            }
        }
        out.append(prefix).append(chinese).append("\n\n");
        if (english != null) {
            out.append(prefix).append(english).append("\n\n");
        }
    }

    /** The text with its highlights as ==marks== and their notes as footnote references. */
    private static String marked(String text, List<HighlightInfo> highlights, List<String> footnotes) {
        StringBuilder out = new StringBuilder();
        for (Marks.Piece piece : Marks.pieces(text, highlights)) {
            if (piece.highlight() == null || piece.text().isBlank()) {
                out.append(text(piece.text()));
                continue;
            }
            // Obsidian only renders ==marks== that do not start or end with a space: keep spaces outside.
            String inner = piece.text().strip();
            int lead = piece.text().indexOf(inner);
            out.append(text(piece.text().substring(0, lead))).append("==").append(text(inner)).append("==");
            if (piece.highlight().note() != null) {
                footnotes.add(piece.highlight().note());
                out.append("[^").append(footnotes.size()).append(']');
            }
            out.append(text(piece.text().substring(lead + inner.length())));
        }
        return out.toString();
    }

    private static String cell(String value) {
        return text(oneLine(value)).replace("|", "\\|");
    }

    private static String yamlString(String value) {
        // A renderer without front matter support shows these lines as text: no character of HTML or link syntax
        // appears literally (YAML's unicode escapes read back as the same characters).
        return '"' + oneLine(value).replace("\\", "\\\\").replace("\"", "\\\"").replace("<", "\\u003C")
                .replace(">", "\\u003E").replace("&", "\\u0026").replace("[", "\\u005B").replace("]", "\\u005D")
                + '"';
    }

    private static String yamlList(List<String> values) {
        return values.stream().map(MarkdownExporter::yamlString).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String oneLine(String value) {
        return value == null ? "" : value.replaceAll("\\s+", " ").strip();
    }

    private static String escapeInline(String value) {
        return text(oneLine(value));
    }

    /**
     * A note as a footnote's text. Where footnotes are not understood, {@code [^1]: text} is a link reference
     * definition whose first word becomes the address of every {@code [^1]}: a first word with a scheme other than
     * http(s) (say {@code javascript:}) is preceded by a zero-width space, which makes it a harmless relative address.
     */
    private static String footnoteText(String note) {
        String escaped = text(note.strip());
        String firstWord = escaped.split("\\s", 2)[0];
        return SCHEME.matcher(firstWord).lookingAt() && !app.duizhao.library.WebLinks.isWeb(firstWord)
                ? "\u200B" + escaped : escaped;
    }

    private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");

    private static String text(String value) {
        return MarkdownText.escape(value);
    }
}
