package app.duizhao.importing;

import app.duizhao.cleaning.ArticleCleaner;
import app.duizhao.cleaning.BlockKind;
import app.duizhao.cleaning.CleanBlock;
import app.duizhao.cleaning.CleanedArticle;
import app.duizhao.cleaning.RemovedFragment;
import app.duizhao.library.Article;
import app.duizhao.library.ArticleRepository;
import app.duizhao.library.LibraryService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Imports posts (uploaded files or pasted text): checks the input, parses the front matter, cleans the body and
 * stores the article. Bad input raises {@link ImportException} with a message for the user, and nothing stored
 * is touched.
 */
@Service
public class ImportService {

    private static final Set<String> ACCEPTED_EXTENSIONS = Set.of("md", "markdown", "html", "htm", "txt", "text");

    private final ArticleRepository articles;
    private final ArticleCleaner cleaner;
    private final PostParser parser = new PostParser();
    private final ImportProperties properties;
    private final Clock clock;

    public ImportService(ArticleRepository articles, ArticleCleaner cleaner, ImportProperties properties) {
        this.articles = articles;
        this.cleaner = cleaner;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /** The largest input accepted, in bytes. */
    public long maxBytes() {
        return properties.maxBytes();
    }

    /**
     * Imports an uploaded file: a Jekyll/Hugo post ({@code .md}), an HTML page or a text file, in UTF-8.
     *
     * @throws ImportException when the file is not something we can read; nothing is stored then
     */
    @Transactional
    public ImportResult importFile(String fileName, byte[] content) {
        String name = fileName == null || fileName.isBlank() ? "upload" : fileName.strip();
        String extension = extensionOf(name);
        if (!extension.isEmpty() && !ACCEPTED_EXTENSIONS.contains(extension)) {
            throw new ImportException("\"" + name + "\" is not a post: Duizhao imports Markdown posts (.md), HTML "
                    + "pages (.html) and text files (.txt).");
        }
        checkSize(content.length, "The file");
        if (content.length == 0) {
            throw new ImportException("\"" + name + "\" is empty.");
        }
        if (looksBinary(content)) {
            throw new ImportException("\"" + name + "\" is not a text file (it holds binary data). Duizhao imports "
                    + "Markdown posts (.md), HTML pages (.html) and text files (.txt).");
        }
        String text = decodeUtf8(content, name);
        return store(parser.parse(stripBom(text), name), name);
    }

    /**
     * Imports pasted text: plain Chinese text, or a whole post with front matter.
     *
     * @throws ImportException when the text is empty or too long
     */
    @Transactional
    public ImportResult importText(String text) {
        if (text == null || text.isBlank()) {
            throw new ImportException("There is no text to import: paste a Chinese article first.");
        }
        checkSize(text.getBytes(StandardCharsets.UTF_8).length, "The pasted text");
        return store(parser.parse(stripBom(text), null), null);
    }

    /**
     * Imports the page at a URL, fetched server-side.
     *
     * @throws ImportException always, until the safe fetcher (size, time and redirect limits; public addresses
     *                         only) is in place
     */
    public ImportResult importUrl(String url) {
        throw new ImportException("Importing from a URL is not available yet: save the page and upload the file.");
    }

    private ImportResult store(ParsedPost post, String fileName) {
        CleanedArticle cleaned = clean(post);
        List<CleanBlock> blocks = cleaned.blocks();
        if (blocks.stream().noneMatch(block -> block.kind() != BlockKind.IMAGE && !block.text().isBlank())) {
            throw new ImportException("The post has no text to read: its body is empty once markup, ads and "
                    + "promotions are removed.");
        }
        String contentHash = contentHash(blocks);
        Optional<Article> existing = articles.findFirstByContentHash(contentHash);
        if (existing.isPresent()) {
            return new ImportResult(existing.get().getId(), existing.get().getTitle(), true);
        }
        String language = ScriptDetector.detect(allText(blocks));
        Article article = new Article(post.title(), language, contentHash, OffsetDateTime.now(clock));
        article.setAuthor(post.author());
        article.setSourceName(post.sourceName());
        article.setSourceUrl(post.sourceUrl());
        article.setPublishedAt(post.publishedAt());
        article.setTags(LibraryService.joinList(post.tags()));
        article.setCategories(LibraryService.joinList(post.categories()));
        article.setOriginalFileName(fileName);
        for (CleanBlock block : blocks) {
            article.addBlock(block.kind().code(), block.text(), block.imageUrl());
        }
        for (RemovedFragment removed : cleaned.removed()) {
            article.addRemoved(removed.reason(), removed.text());
        }
        Article saved = articles.save(article);
        return new ImportResult(saved.getId(), saved.getTitle(), false);
    }

    private CleanedArticle clean(ParsedPost post) {
        if (post.bodyFormat() == ParsedPost.BodyFormat.HTML) {
            return cleaner.clean(post.body(), post.title());
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

    private void checkSize(long bytes, String what) {
        if (bytes > properties.maxBytes()) {
            throw new ImportException(what + " is " + megabytes(bytes) + "; the limit is "
                    + megabytes(properties.maxBytes()) + ".");
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    private static boolean looksBinary(byte[] content) {
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

    private static String decodeUtf8(byte[] content, String name) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(content);
        try {
            return decoder.decode(buffer).toString();
        } catch (CharacterCodingException e) {
            throw new ImportException("\"" + name + "\" is not valid UTF-8 text (the first bad byte is at offset "
                    + buffer.position() + "). Save it as UTF-8 and import it again.");
        }
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String extensionOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String allText(List<CleanBlock> blocks) {
        StringBuilder text = new StringBuilder();
        for (CleanBlock block : blocks) {
            text.append(block.text()).append('\n');
        }
        return text.toString();
    }

    private static String contentHash(List<CleanBlock> blocks) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (CleanBlock block : blocks) {
                digest.update(block.kind().code().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(block.text().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
