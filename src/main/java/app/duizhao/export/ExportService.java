package app.duizhao.export;

import app.duizhao.annotation.AnnotatedArticle;
import app.duizhao.annotation.AnnotationService;
import app.duizhao.annotation.HighlightInfo;
import app.duizhao.annotation.VersionInfo;
import app.duizhao.base.Hashes;
import app.duizhao.chinese.ChineseDictionary;
import app.duizhao.importing.ImportException;
import app.duizhao.importing.ImportResult;
import app.duizhao.library.Article;
import app.duizhao.library.ArticleAccess;
import app.duizhao.library.ArticleEditor;
import app.duizhao.library.NewArticle;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.LibraryService;
import app.duizhao.library.RemovedBlock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import app.duizhao.workload.LongWork;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Exports articles and saved versions (Markdown, HTML, PDF, EPUB, Anki TSV, JSON; one article or a zip of several)
 * and imports the JSON export back as a new article.
 */
@Service
public class ExportService {

    private final LibraryService library;
    private final AnnotationService annotations;
    private final ArticleEditor editor;
    private final ObjectProvider<VocabularySource> vocabularySources;
    private final ObjectProvider<ChineseDictionary> dictionary;
    private final MarkdownExporter markdown = new MarkdownExporter();
    private final HtmlExporter html = new HtmlExporter();
    private final PdfExporter pdf;
    private final String configuredFont;
    private final boolean systemFonts;
    private final EpubExporter epub = new EpubExporter();
    private final AnkiExporter anki = new AnkiExporter();
    private final JsonCodec json = new JsonCodec();
    private final Clock clock = Clock.systemUTC();
    private final ArticleAccess access;
    private final LongWork longWork;
    private final TransactionTemplate readOnly;

    public ExportService(LibraryService library, AnnotationService annotations, ArticleEditor editor,
                         ArticleAccess access, ObjectProvider<VocabularySource> vocabularySources,
                         ObjectProvider<ChineseDictionary> dictionary, ExportProperties properties,
                         LongWork longWork, PlatformTransactionManager transactions) {
        this.access = access;
        this.longWork = longWork;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.library = library;
        this.annotations = annotations;
        this.editor = editor;
        this.vocabularySources = vocabularySources;
        this.dictionary = dictionary;
        this.configuredFont = properties == null ? null : properties.cjkFont();
        this.systemFonts = properties == null || properties.lookForSystemFonts();
        this.pdf = new PdfExporter(html, () -> CjkFont.choose(configuredFont, systemFonts));
    }

    /**
     * The article as bilingual Markdown: its current state, or saved version {@code versionNumber} when given.
     *
     * @throws NoSuchElementException when there is no such article or version
     */
    public ExportFile markdown(long articleId, Integer versionNumber) {
        return export(articleId, versionNumber, ExportFormat.MD);
    }

    /** A snapshot (current state or saved version) as bilingual Markdown, with its highlights when it has any. */
    public ExportFile markdown(ArticleSnapshot snapshot) {
        Loaded loaded = readOnly.execute(status -> {
            AnnotatedArticle annotated = annotations.annotated(snapshot.articleId(), snapshot.versionNumber())
                    .orElseGet(() -> new AnnotatedArticle(snapshot, List.of(), List.of()));
            return load(annotated, ExportFormat.MD);
        });
        return longWork.run("export", () -> write(loaded));
    }

    /** Why PDFs cannot be written here (the configured font is unusable), or empty when they can. */
    public java.util.Optional<String> pdfProblem() {
        try {
            CjkFont.choose(configuredFont, systemFonts);
            return java.util.Optional.empty();
        } catch (ExportException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    /**
     * The article (current state, or saved version {@code versionNumber}) in {@code format}.
     *
     * @throws NoSuchElementException when there is no such article or version
     * @throws ExportException        when the server cannot write it (e.g. the configured PDF font is unusable)
     */
    public ExportFile export(long articleId, Integer versionNumber, ExportFormat format) {
        // A bounded number of exports at a time (per person and in total), each rendered without a database
        // connection: everything is read first, in a short read-only transaction, then the connection goes back.
        return longWork.run("export", () -> write(load(articleId, versionNumber, format)));
    }

    /** Everything an export needs from the database, read in one short read-only transaction. */
    private record Loaded(AnnotatedArticle annotated, ExportFormat format, List<VocabularyRow> vocabulary,
                          JsonCodec.Extras extras, List<AnnotatedArticle> versions) {
    }

    private Loaded load(long articleId, Integer versionNumber, ExportFormat format) {
        return readOnly.execute(status -> load(annotations.annotated(articleId, versionNumber)
                .orElseThrow(() -> new NoSuchElementException("No article " + articleId
                        + (versionNumber == null ? "" : " version " + versionNumber))), format));
    }

    private Loaded load(AnnotatedArticle annotated, ExportFormat format) {
        ArticleSnapshot snapshot = annotated.snapshot();
        boolean fullJson = format == ExportFormat.JSON && !snapshot.isSavedVersion();
        return new Loaded(annotated, format, format == ExportFormat.JSON ? List.of() : vocabulary(annotated),
                fullJson ? extras(snapshot.articleId()) : null, fullJson ? savedVersions(snapshot) : List.of());
    }

    /**
     * Several articles' current state in one {@code .zip}, one file each in {@code format}.
     *
     * @throws NoSuchElementException when one of them does not exist
     */
    public ExportFile zip(Collection<Long> articleIds, ExportFormat format) {
        if (articleIds.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one article to export.");
        }
        return longWork.run("export", () -> writeZip(articleIds, format));
    }

    private ExportFile writeZip(Collection<Long> articleIds, ExportFormat format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Set<String> names = new HashSet<>();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (long id : new LinkedHashSet<>(articleIds)) {
                ExportFile file = write(load(id, null, format));
                String name = file.fileName();
                for (int n = 2; !names.add(name); n++) {
                    name = file.fileName().replaceFirst("(\\.[a-z]+)$", " (" + n + ")$1");
                }
                zip.putNextEntry(new ZipEntry(name));
                zip.write(file.content());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new ExportException("Could not write the zip: " + e.getMessage(), e);
        }
        return new ExportFile("duizhao-" + format.code() + "-" + articleIds.size() + "-articles.zip",
                "application/zip", bytes.toByteArray());
    }

    /** Renders what {@link #load} read; touches no database. */
    private ExportFile write(Loaded loaded) {
        AnnotatedArticle annotated = loaded.annotated();
        List<VocabularyRow> vocabulary = loaded.vocabulary();
        ExportFormat format = loaded.format();
        ArticleSnapshot snapshot = annotated.snapshot();
        String name = fileName(snapshot) + "." + format.extension();
        byte[] content = switch (format) {
            case MD -> utf8(markdown.export(annotated, vocabulary));
            case HTML -> utf8(html.export(annotated, vocabulary, null));
            case PDF -> pdf.export(annotated, vocabulary);
            case EPUB -> epub.export(annotated, vocabulary, now());
            case ANKI -> utf8(anki.export(vocabulary, ankiTag(snapshot)));
            case JSON -> loaded.extras() == null ? json.write(annotated, List.of(), now())
                    : json.write(annotated, loaded.extras(), loaded.versions(), now());
        };
        return new ExportFile(name, format.contentType(), content);
    }

    private List<AnnotatedArticle> savedVersions(ArticleSnapshot snapshot) {
        List<AnnotatedArticle> result = new ArrayList<>();
        for (VersionInfo info : annotations.versions(snapshot.articleId()).reversed()) {
            annotations.annotated(snapshot.articleId(), info.number()).ifPresent(result::add);
        }
        return result;
    }

    /** What the JSON export holds of an article beyond its snapshot: file name, import time, audit, drafts. */
    private JsonCodec.Extras extras(long articleId) {
        Article article = access.require(articleId);
        List<JsonCodec.Removed> removed = article.getRemovedBlocks().stream()
                // Document order, as the cleaning audit lists them.
                .sorted(Comparator.comparingInt((RemovedBlock r) -> r.getNextBlock() == null ? 0 : r.getNextBlock())
                        .thenComparingInt(RemovedBlock::getPosition))
                .map(r -> new JsonCodec.Removed(r.getReason(), r.getText(),
                        r.getNextBlock() == null ? 0 : r.getNextBlock()))
                .toList();
        return new JsonCodec.Extras(article.getOriginalFileName(), article.getImportedAt(), removed,
                annotations.drafts(articleId), annotations.revisions(articleId));
    }

    /** The article's vocabulary: from the study tools' source when there is one, else from its highlights. */
    List<VocabularyRow> vocabulary(AnnotatedArticle article) {
        VocabularySource source = vocabularySources.getIfAvailable();
        if (source == null) {
            ChineseDictionary cedict = dictionary.getIfAvailable();
            source = new HighlightVocabulary(cedict == null ? word -> List.of() : cedict::lookup);
        }
        return source.vocabulary(article);
    }

    /**
     * Imports a Duizhao JSON export as a new article, with everything the export holds (see {@link JsonCodec}):
     * blocks with their machine English, models, corrections, notes and edit counts, what the cleaner removed,
     * drafts, highlights with their times, tags, and saved versions. Ids are new; a saved version's highlight stays
     * linked to the live highlight it was copied from. The article's import time is now (it is new in this
     * library), and it belongs to whoever imports it. Everything is checked before anything is stored; on any
     * problem nothing is.
     *
     * @throws ImportException with a message for the user: not JSON or truncated, not a Duizhao export, written by
     *                         a newer Duizhao, or missing fields
     */
    @Transactional
    public ImportResult importJson(byte[] content) {
        JsonCodec.Parsed parsed = json.read(content);
        ArticleSnapshot a = parsed.current().snapshot();
        JsonCodec.Extras extras = parsed.extras();
        List<NewArticle.Block> blocks = new ArrayList<>();
        for (SnapshotBlock b : a.blocks()) {
            blocks.add(new NewArticle.Block(b.kind(), b.text(), b.imageUrl(), b.machineEnglish(), b.machineKind(),
                    b.machineModel(), b.error(), b.correctedEnglish(), b.note()));
        }
        List<NewArticle.Removed> removed = extras.removed().stream()
                .map(r -> new NewArticle.Removed(r.reason(), r.text(), r.nextBlock())).toList();
        // An imported export belongs to whoever imports it; the same export imported twice is stored once, as for
        // every other import: the second answers the first.
        app.duizhao.library.StoredArticle created = editor.create(new NewArticle(a.title(), a.language(), a.author(),
                a.sourceName(), a.sourceUrl(), a.publishedAt(), a.tags(), a.categories(), extras.originalFileName(),
                a.summary(), a.summaryKind(), a.summaryModel(), a.translationKind(), a.translationModel(), blocks,
                removed), true);
        if (created.duplicate()) {
            return new ImportResult(created.articleId(), created.title(), true);
        }
        long id = created.articleId();
        // The exported ids of live highlights, to their new ids; a version's highlight copied from one that has
        // since been deleted gets a negative id of its own (no live highlight has one), the same in every version.
        Map<Long, Long> highlightIds = new HashMap<>();
        for (HighlightInfo h : parsed.current().highlights()) {
            HighlightInfo stored = annotations.importHighlight(id, h);
            if (h.id() != null) {
                highlightIds.put(h.id(), stored.id());
            }
        }
        annotations.setTags(id, parsed.current().userTags());
        Set<Integer> numbers = new HashSet<>();
        for (AnnotatedArticle version : parsed.versions()) {
            if (!numbers.add(version.snapshot().versionNumber())) {
                throw new ImportException("The export lists version " + version.snapshot().versionNumber()
                        + " twice.");
            }
            List<HighlightInfo> linked = new ArrayList<>();
            for (HighlightInfo h : version.highlights()) {
                if (h.id() != null && !highlightIds.containsKey(h.id())) {
                    highlightIds.put(h.id(), -(long) (highlightIds.size() + 1));
                }
                linked.add(h.id() == null ? h : withId(h, highlightIds.get(h.id())));
            }
            annotations.importVersion(id, new AnnotatedArticle(version.snapshot(), linked, version.userTags()));
        }
        for (var draft : extras.drafts()) {
            annotations.importDraft(id, draft);
        }
        annotations.importRevisions(id, extras.revisions());
        return new ImportResult(id, a.title(), false);
    }

    private static HighlightInfo withId(HighlightInfo h, Long id) {
        return new HighlightInfo(id, h.blockPosition(), h.side(), h.exact(), h.prefix(), h.suffix(), h.start(),
                h.end(), h.colour(), h.note(), h.orphaned(), h.createdAt(), h.updatedAt());
    }

    private static String ankiTag(ArticleSnapshot snapshot) {
        return "duizhao article-" + snapshot.articleId();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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
