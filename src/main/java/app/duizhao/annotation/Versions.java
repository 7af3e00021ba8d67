package app.duizhao.annotation;

import app.duizhao.library.Article;
import app.duizhao.library.ArticleAccess;
import app.duizhao.library.ArticleBlock;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import app.duizhao.library.LibraryService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Immutable saved versions of an article with its highlights and tags, and the article as it is now in the same
 * shape, for comparing and exporting. A version is a frozen copy: its highlights keep the positions they had.
 */
@Component
class Versions {

    private final ArticleAccess access;
    private final LibraryService library;
    private final VersionRepository versions;
    private final Highlights highlights;
    private final Tags tags;

    Versions(ArticleAccess access, LibraryService library, VersionRepository versions, Highlights highlights,
             Tags tags) {
        this.access = access;
        this.library = library;
        this.versions = versions;
        this.highlights = highlights;
        this.tags = tags;
    }

    /** Saves the article as it is now, in the caller's transaction. */
    VersionInfo saveNow(long articleId, String message) {
        Article article = access.require(articleId);
        int number = versions.lastNumber(articleId) + 1;
        String trimmed = message == null || message.isBlank() ? null : message.strip();
        ArticleVersion version = new ArticleVersion(articleId, number, OffsetDateTime.now(), trimmed,
                article.getTitle(), article.getSummary(), article.getSummaryKind(), article.getSummaryModel(),
                article.getTranslationKind(), article.getTranslationModel());
        for (ArticleBlock block : article.getBlocks()) {
            version.addBlock(new VersionBlock(block.getPosition(), block.getKind(), block.getText(),
                    block.getImageUrl(), block.getMachineEnglish(), block.getMachineKind(), block.getMachineModel(),
                    block.getCorrectedEnglish(), block.getNote()));
        }
        for (HighlightInfo highlight : highlights.list(articleId)) {
            version.addHighlight(new VersionHighlight(highlight));
        }
        version.setTags(LibraryService.joinList(tags.of(articleId)));
        return info(versions.saveAndFlush(version));
    }

    /** See {@link AnnotationService#importVersion}. */
    @Transactional
    VersionInfo importVersion(long articleId, AnnotatedArticle saved) {
        ArticleSnapshot s = saved.snapshot();
        access.require(articleId);
        ArticleVersion version = new ArticleVersion(articleId, s.versionNumber(), s.savedAt(), s.message(),
                s.title(), s.summary(), s.summaryKind(), s.summaryModel(), s.translationKind(),
                s.translationModel());
        for (SnapshotBlock block : s.blocks()) {
            version.addBlock(new VersionBlock(block.position(), block.kind(), block.text(), block.imageUrl(),
                    block.machineEnglish(), block.machineKind(), block.machineModel(), block.correctedEnglish(),
                    block.note()));
        }
        for (HighlightInfo highlight : saved.highlights()) {
            version.addHighlight(new VersionHighlight(highlight));
        }
        version.setTags(LibraryService.joinList(saved.userTags()));
        return info(versions.save(version));
    }

    @Transactional(readOnly = true)
    List<VersionInfo> list(long articleId) {
        if (!access.exists(articleId)) {
            return List.of();
        }
        return versions.findByArticleIdOrderByNumberDesc(articleId).stream().map(Versions::info).toList();
    }

    /** The number of the newest saved version, 0 when there is none. */
    int lastNumber(long articleId) {
        return versions.lastNumber(articleId);
    }

    /** See {@link AnnotationService#annotated}. */
    @Transactional(readOnly = true)
    Optional<AnnotatedArticle> annotated(long articleId, Integer number) {
        Optional<Article> article = access.find(articleId);
        if (article.isEmpty()) {
            return Optional.empty();
        }
        if (number == null) {
            ArticleSnapshot snapshot = library.snapshot(articleId).orElseThrow();
            return Optional.of(new AnnotatedArticle(snapshot, highlights.list(articleId), tags.of(articleId)));
        }
        return versions.findByArticleIdAndNumber(articleId, number).map(version -> annotated(article.get(), version));
    }

    /** See {@link AnnotationService#compare(long, Integer, Integer)}. */
    @Transactional(readOnly = true)
    VersionDiff compare(long articleId, Integer from, Integer to) {
        AnnotatedArticle a = annotated(articleId, from).orElseThrow(() -> missing(articleId, from));
        AnnotatedArticle b = annotated(articleId, to).orElseThrow(() -> missing(articleId, to));
        return VersionComparer.compare(from == null ? VersionDiff.CURRENT : from,
                to == null ? VersionDiff.CURRENT : to, a, b);
    }

    private static NoSuchElementException missing(long articleId, Integer number) {
        return new NoSuchElementException(number == null ? "No article " + articleId
                : "No version " + number + " of article " + articleId);
    }

    private static AnnotatedArticle annotated(Article article, ArticleVersion version) {
        List<SnapshotBlock> blocks = version.getBlocks().stream()
                .map(block -> new SnapshotBlock(block.getPosition(), block.getKind(), block.getText(),
                        block.getImageUrl(), block.getMachineEnglish(), block.getMachineKind(),
                        block.getCorrectedEnglish(), null, block.getNote(), block.getMachineModel()))
                .toList();
        ArticleSnapshot snapshot = new ArticleSnapshot(article.getId(), version.getTitle(), article.getAuthor(),
                article.getSourceName(), article.getSourceUrl(), article.getPublishedAt(),
                LibraryService.splitList(article.getTags()), LibraryService.splitList(article.getCategories()),
                article.getLanguage(), version.getSummary(), version.getSummaryKind(), version.getTranslationKind(),
                version.getTranslationModel(), version.getNumber(), version.getCreatedAt(), version.getMessage(),
                blocks, version.getSummaryModel());
        Map<Integer, SnapshotBlock> byPosition = blocks.stream()
                .collect(Collectors.toMap(SnapshotBlock::position, Function.identity()));
        List<HighlightInfo> marks = version.getHighlights().stream().map(h -> {
            SnapshotBlock block = byPosition.get(h.getBlockPosition());
            return h.info(block == null ? null : text(block, h.getSide()));
        }).toList();
        return new AnnotatedArticle(snapshot, marks, LibraryService.splitList(version.getTags()));
    }

    static String text(SnapshotBlock block, Side side) {
        return side == Side.ZH ? block.text() : block.english();
    }

    static VersionInfo info(ArticleVersion version) {
        return new VersionInfo(version.getArticleId(), version.getNumber(), version.getCreatedAt(),
                version.getMessage());
    }
}
