package app.duizhao.annotation;

import app.duizhao.library.Article;
import app.duizhao.library.ArticleBlock;
import app.duizhao.library.ArticleAccess;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.LibraryService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The user's work on an article: notes on paragraphs, corrections of the English, and immutable saved versions.
 */
@Service
public class AnnotationService {

    private final ArticleAccess access;
    private final VersionRepository versions;
    private final Clock clock = Clock.systemUTC();

    AnnotationService(ArticleAccess access, VersionRepository versions) {
        this.access = access;
        this.versions = versions;
    }

    /** Sets (or, when blank, removes) the note on block {@code position}. */
    @Transactional
    public void setNote(long articleId, int position, String note) {
        block(articleId, position).setNote(note);
    }

    /**
     * Sets the user's English for block {@code position}; the machine output stays beside it. Blank removes the
     * correction.
     */
    @Transactional
    public void correctEnglish(long articleId, int position, String english) {
        block(articleId, position).setCorrectedEnglish(english);
    }

    /** Saves the article as it is now as a new immutable version, with an optional message. */
    @Transactional
    public VersionInfo saveVersion(long articleId, String message) {
        Article article = article(articleId);
        int number = versions.lastNumber(articleId) + 1;
        String trimmed = message == null || message.isBlank() ? null : message.strip();
        ArticleVersion version = new ArticleVersion(articleId, number, OffsetDateTime.now(clock), trimmed,
                article.getTitle(), article.getSummary(), article.getSummaryKind(), article.getSummaryModel(),
                article.getTranslationKind(), article.getTranslationModel());
        for (ArticleBlock block : article.getBlocks()) {
            version.addBlock(new VersionBlock(block.getPosition(), block.getKind(), block.getText(),
                    block.getImageUrl(), block.getMachineEnglish(), block.getMachineKind(), block.getMachineModel(),
                    block.getCorrectedEnglish(), block.getNote()));
        }
        ArticleVersion saved = versions.save(version);
        return info(saved);
    }

    /** The saved versions of an article, newest first. */
    @Transactional(readOnly = true)
    public List<VersionInfo> versions(long articleId) {
        if (!access.exists(articleId)) {
            return List.of();
        }
        return versions.findByArticleIdOrderByNumberDesc(articleId).stream().map(AnnotationService::info).toList();
    }

    /** A saved version, read-only, or empty when there is none with that number. */
    @Transactional(readOnly = true)
    public Optional<ArticleSnapshot> version(long articleId, int number) {
        Optional<Article> article = access.find(articleId);
        if (article.isEmpty()) {
            return Optional.empty();
        }
        return versions.findByArticleIdAndNumber(articleId, number).map(version -> toSnapshot(article.get(), version));
    }

    private static ArticleSnapshot toSnapshot(Article article, ArticleVersion version) {
        List<ArticleSnapshot.SnapshotBlock> blocks = version.getBlocks().stream()
                .map(block -> new ArticleSnapshot.SnapshotBlock(block.getPosition(), block.getKind(), block.getText(),
                        block.getImageUrl(), block.getMachineEnglish(), block.getMachineKind(),
                        block.getCorrectedEnglish(), null, block.getNote()))
                .toList();
        return new ArticleSnapshot(article.getId(), version.getTitle(), article.getAuthor(), article.getSourceName(),
                article.getSourceUrl(), article.getPublishedAt(), LibraryService.splitList(article.getTags()),
                LibraryService.splitList(article.getCategories()), article.getLanguage(), version.getSummary(),
                version.getSummaryKind(), version.getTranslationKind(), version.getTranslationModel(),
                version.getNumber(), version.getCreatedAt(), version.getMessage(), blocks);
    }

    private static VersionInfo info(ArticleVersion version) {
        return new VersionInfo(version.getArticleId(), version.getNumber(), version.getCreatedAt(),
                version.getMessage());
    }

    private Article article(long articleId) {
        return access.require(articleId);
    }

    private ArticleBlock block(long articleId, int position) {
        return article(articleId).getBlocks().stream().filter(block -> block.getPosition() == position).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No block " + position + " in article " + articleId));
    }
}
