package app.duizhao.export;

import app.duizhao.annotation.AnnotationService;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.LibraryService;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;

/** Exports articles and saved versions. */
@Service
public class ExportService {

    private final LibraryService library;
    private final AnnotationService annotations;
    private final MarkdownExporter markdown = new MarkdownExporter();

    public ExportService(LibraryService library, AnnotationService annotations) {
        this.library = library;
        this.annotations = annotations;
    }

    /**
     * The article as bilingual Markdown: its current state, or saved version {@code versionNumber} when given.
     *
     * @throws NoSuchElementException when there is no such article or version
     */
    public ExportFile markdown(long articleId, Integer versionNumber) {
        ArticleSnapshot snapshot = (versionNumber == null ? library.snapshot(articleId)
                : annotations.version(articleId, versionNumber))
                .orElseThrow(() -> new NoSuchElementException("No article " + articleId
                        + (versionNumber == null ? "" : " version " + versionNumber)));
        return markdown(snapshot);
    }

    /** A snapshot as bilingual Markdown. */
    public ExportFile markdown(ArticleSnapshot snapshot) {
        byte[] content = markdown.export(snapshot).getBytes(StandardCharsets.UTF_8);
        return new ExportFile(fileName(snapshot) + ".md", "text/markdown; charset=utf-8", content);
    }

    static String fileName(ArticleSnapshot snapshot) {
        String base = snapshot.title().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", " ").replaceAll("\\s+", " ").strip();
        if (base.length() > 60) {
            base = base.substring(0, 60).strip();
        }
        if (base.isEmpty()) {
            base = "article-" + snapshot.articleId();
        }
        return snapshot.isSavedVersion() ? base + " (v" + snapshot.versionNumber() + ")" : base;
    }
}
