package app.duizhao.importing;

import app.duizhao.base.Hashes;
import app.duizhao.cleaning.ArticleCleaner;
import app.duizhao.cleaning.BlockKind;
import app.duizhao.cleaning.CleanBlock;
import app.duizhao.cleaning.CleanedArticle;
import app.duizhao.cleaning.RemovedFragment;
import app.duizhao.library.ArticleEditor;
import app.duizhao.library.NewArticle;
import app.duizhao.library.StoredArticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Imports posts (uploaded files, pasted text, fetched URLs): checks the input, detects its encoding, parses the front
 * matter or page metadata, cleans the body and stores the article. Bad input raises {@link ImportException} with a
 * message for the user and a {@link ImportException.Kind}; no other exception escapes, and nothing stored is touched
 * (an article is written in one transaction, after all reading and cleaning succeeded).
 *
 * <p>Duplicates: an article with the same source link (normalised by {@link SourceUrls}) or the same cleaned text
 * is not stored again; the existing one is returned with {@link ImportResult#duplicate()} set.
 */
@Service
public class ImportService {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);
    static final Set<String> ACCEPTED_EXTENSIONS = Set.of("md", "markdown", "mdown", "mkd", "html", "htm", "xhtml",
            "txt", "text");
    static final Set<String> ARCHIVE_EXTENSIONS = Set.of("zip");

    private final ArticleEditor editor;
    private final ArticleCleaner cleaner;
    private final PostParser parser = new PostParser();
    private final ImportProperties properties;
    private final UrlFetcher fetcher;

    public ImportService(ArticleEditor editor, ArticleCleaner cleaner, ImportProperties properties,
                         UrlFetcher fetcher) {
        this.editor = editor;
        this.cleaner = cleaner;
        this.properties = properties;
        this.fetcher = fetcher;
    }

    /** The largest input accepted, in bytes. */
    public long maxBytes() {
        return properties.maxBytes();
    }

    /**
     * Imports an uploaded file: a Jekyll/Hugo post ({@code .md}, YAML or TOML front matter), an HTML page or a text
     * file, in UTF-8, UTF-16 (with BOM), GB18030/GBK or Big5. Archives go through {@link BulkImportService}.
     *
     * @throws ImportException when the file is not something we can read; nothing is stored then
     */
    public ImportResult importFile(String fileName, byte[] content) {
        String name = fileName == null || fileName.isBlank() ? "upload" : fileName.strip();
        return guarded(name, () -> {
            String extension = extensionOf(name);
            if (ARCHIVE_EXTENSIONS.contains(extension)) {
                throw new ImportException(ImportException.Kind.UNSUPPORTED, "\"" + name + "\" is an archive: import "
                        + "it on the Import page, which reads every post inside it.");
            }
            if (!extension.isEmpty() && !ACCEPTED_EXTENSIONS.contains(extension)) {
                throw new ImportException(ImportException.Kind.UNSUPPORTED, "\"" + name + "\" is not a post: "
                        + "Duizhao imports Markdown posts (.md), HTML pages (.html), text files (.txt) and .zip "
                        + "archives of them.");
            }
            byte[] bytes = content == null ? new byte[0] : content;
            checkSize(bytes.length, "\"" + name + "\"");
            String text = decode(bytes, name, null);
            return store(parser.parse(text, name), name, null);
        });
    }

    /**
     * Imports pasted text: plain Chinese text, or a whole post with front matter.
     *
     * @throws ImportException when the text is empty or too long
     */
    public ImportResult importText(String text) {
        return guarded("the pasted text", () -> {
            if (text == null || text.isBlank()) {
                throw new ImportException("There is no text to import: paste a Chinese article first.");
            }
            java.util.OptionalInt lone = app.duizhao.input.UnicodeText.firstLoneSurrogate(text);
            if (lone.isPresent()) {
                throw new ImportException("The pasted text is not valid Unicode: character " + lone.getAsInt()
                        + " is half of a surrogate pair.");
            }
            checkSize(text.getBytes(StandardCharsets.UTF_8).length, "The pasted text");
            if (hasControlCharacters(text)) {
                throw new ImportException(ImportException.Kind.UNSUPPORTED, "The pasted text holds binary data, "
                        + "not an article.");
            }
            return store(parser.parse(stripBom(text), null), null, null);
        });
    }

    /**
     * Imports the page at a URL, fetched server-side by {@link UrlFetcher}: http(s) only, public addresses only
     * (checked before connecting, after every DNS answer and every redirect), with size, time and redirect limits.
     * A URL whose article is already stored is not fetched again.
     *
     * @throws ImportException {@code REFUSED_URL} for a URL we will not fetch, {@code FETCH_FAILED} when the fetch
     *                         fails, {@code TOO_LARGE} or {@code UNSUPPORTED} for what came back
     */
    public ImportResult importUrl(String url) {
        return guarded(url == null ? "the URL" : url, () -> {
            String normalized = SourceUrls.normalize(url);
            if (normalized != null) {
                Optional<StoredArticle> known = editor.fromSource(normalized);
                if (known.isPresent()) {
                    return new ImportResult(known.get().articleId(), known.get().title(), true);
                }
            }
            UrlFetcher.FetchedPage page = fetcher.fetch(url);
            String name = fileNameOf(page.finalUrl());
            String text = decode(page.body(), name, page.charset());
            ParsedPost post = parser.parse(text, name);
            if (page.contentType().equals("text/plain") && post.bodyFormat() == ParsedPost.BodyFormat.HTML) {
                post = withBody(post, text.strip(), ParsedPost.BodyFormat.TEXT);
            }
            String source = post.sourceUrl() != null ? post.sourceUrl() : page.finalUrl();
            return store(post, null, source);
        });
    }

    /**
     * Runs an import step so that only {@link ImportException} leaves it: anything unexpected (a parser bug, a
     * stack overflow on hostile nesting, a database error) becomes an ImportException with a clear message. The
     * store step runs in its own transaction, so a failure leaves nothing behind.
     */
    private ImportResult guarded(String what, Supplier<ImportResult> work) {
        try {
            return work.get();
        } catch (ImportException e) {
            throw e;
        } catch (DataAccessException e) {
            log.warn("Storing {} failed", what, e);
            throw new ImportException(ImportException.Kind.INVALID, "Duizhao could not store " + quoted(what)
                    + ": the database refused it. Nothing was changed.", e);
        } catch (RuntimeException | StackOverflowError e) {
            log.warn("Importing {} failed unexpectedly", what, e);
            throw new ImportException(ImportException.Kind.INVALID, "Duizhao could not read " + quoted(what)
                    + ": its structure is broken or too deeply nested. Nothing was changed.", e);
        }
    }

    private static String quoted(String what) {
        return what.startsWith("the ") ? what : "\"" + what + "\"";
    }

    /** Decodes file bytes after refusing binary content. */
    String decode(byte[] bytes, String name, String serverCharset) {
        if (bytes.length == 0) {
            throw new ImportException("\"" + name + "\" is empty.");
        }
        boolean utf16 = bytes.length >= 2 && ((bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE
                || (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF);
        if (!utf16 && looksBinary(bytes)) {
            throw new ImportException(ImportException.Kind.UNSUPPORTED, "\"" + name + "\" is not a text file (it "
                    + "holds binary data). Duizhao imports Markdown posts (.md), HTML pages (.html) and text files "
                    + "(.txt).");
        }
        String text = TextDecoder.decode(bytes, name, serverCharset).text();
        if (utf16 && hasControlCharacters(text)) {
            throw new ImportException(ImportException.Kind.UNSUPPORTED, "\"" + name + "\" is not a text file (it "
                    + "holds binary data).");
        }
        return stripBom(text);
    }

    private ImportResult store(ParsedPost post, String fileName, String fallbackSourceUrl) {
        CleanedArticle cleaned = clean(post);
        List<CleanBlock> blocks = cleaned.blocks();
        if (blocks.stream().noneMatch(block -> block.kind() != BlockKind.IMAGE && !block.text().isBlank())) {
            throw new ImportException("The post has no text to read: its body is empty once markup, ads and "
                    + "promotions are removed.");
        }
        String sourceUrl = SourceUrls.normalize(post.sourceUrl() != null ? post.sourceUrl() : fallbackSourceUrl);
        // Indexed column: keep keys well under PostgreSQL's b-tree entry limit (~2.7 KB).
        if (sourceUrl != null && sourceUrl.getBytes(StandardCharsets.UTF_8).length > 2000) {
            sourceUrl = null;
        }
        List<NewArticle.Block> kept = new ArrayList<>(blocks.size());
        for (CleanBlock block : blocks) {
            kept.add(NewArticle.Block.cleaned(block.kind().code(), block.text(),
                    block.imageUrl() == null || block.imageUrl().length() > 4000 ? null : block.imageUrl()));
        }
        List<NewArticle.Removed> removed = new ArrayList<>(cleaned.removed().size());
        for (RemovedFragment fragment : cleaned.removed()) {
            // Where each removed fragment stood, so the cleaning audit can put it back in place.
            removed.add(new NewArticle.Removed(limit(fragment.reason(), 200), fragment.text(), fragment.nextBlock()));
        }
        NewArticle article = new NewArticle(limit(post.title(), 1000), ScriptDetector.detect(allText(blocks)),
                limit(post.author(), 500), limit(post.sourceName(), 500), sourceUrl, post.publishedAt(),
                fitting(post.tags()), fitting(post.categories()), limit(fileName, 1000), null, null, null, null, null,
                kept, removed);
        StoredArticle stored = editor.create(article, true);
        return new ImportResult(stored.articleId(), stored.title(), stored.duplicate());
    }

    /** The leading items of a list that fit the stored form's 2,000 characters. */
    private static List<String> fitting(List<String> items) {
        List<String> kept = new ArrayList<>();
        int length = 0;
        for (String item : items == null ? List.<String>of() : items) {
            length += item.length() + (kept.isEmpty() ? 0 : 1);
            if (length > 2000) {
                break;
            }
            kept.add(item);
        }
        return kept;
    }

    private CleanedArticle clean(ParsedPost post) {
        // A title taken from the body's first line is that line: it must not be dropped as a repeated title.
        String title = post.titleFromBody() ? null : post.title();
        if (post.bodyFormat() == ParsedPost.BodyFormat.HTML) {
            return cleaner.clean(post.body(), title);
        }
        if (post.bodyFormat() == ParsedPost.BodyFormat.MARKDOWN) {
            return cleaner.clean(PostParser.bodyAsHtml(post), title);
        }
        if (post.bodyFormat() == ParsedPost.BodyFormat.MARKDOWN) {
            return cleaner.clean(PostParser.bodyAsHtml(post), post.title());
        }
        List<CleanBlock> blocks = new ArrayList<>();
        for (String paragraph : post.body().split("\\R")) {
            String text = paragraph.strip();
            if (!text.isEmpty()) {
                blocks.add(CleanBlock.of(BlockKind.PARAGRAPH, text));
            }
        }
        return new CleanedArticle(blocks, List.of());
    }

    private static ParsedPost withBody(ParsedPost post, String body, ParsedPost.BodyFormat format) {
        return new ParsedPost(post.title(), post.author(), post.sourceName(), post.sourceUrl(), post.publishedAt(),
                post.tags(), post.categories(), body, format, post.titleFromBody());
    }

    private void checkSize(long bytes, String what) {
        if (bytes > properties.maxBytes()) {
            throw new ImportException(ImportException.Kind.TOO_LARGE, what + " is " + megabytes(bytes)
                    + "; the limit is " + megabytes(properties.maxBytes()) + ".");
        }
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    static boolean looksBinary(byte[] content) {
        int sample = Math.min(content.length, 8192);
        int control = 0;
        for (int i = 0; i < sample; i++) {
            int b = content[i] & 0xff;
            if (b == 0) {
                return true;
            }
            if (b < 0x09 || (b > 0x0d && b < 0x20)) {
                control++;
            }
        }
        return control * 100 > sample;
    }

    private static boolean hasControlCharacters(String text) {
        int sample = Math.min(text.length(), 8192);
        int control = 0;
        for (int i = 0; i < sample; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return true;
            }
            if (c < 0x09 || (c > 0x0d && c < 0x20)) {
                control++;
            }
        }
        return control * 100 > sample;
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    static String extensionOf(String name) {
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot < 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String fileNameOf(String url) {
        String path = url.replaceFirst("[?#].*$", "");
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() ? "page" : last;
    }

    private static String limit(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "…";
    }

    private static String allText(List<CleanBlock> blocks) {
        StringBuilder text = new StringBuilder();
        for (CleanBlock block : blocks) {
            text.append(block.text()).append('\n');
        }
        return text.toString();
    }
}
