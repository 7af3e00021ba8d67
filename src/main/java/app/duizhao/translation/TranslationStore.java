package app.duizhao.translation;

import app.duizhao.library.Article;
import app.duizhao.library.ArticleAccess;
import app.duizhao.library.ArticleBlock;
import app.duizhao.library.ArticleEditor;
import app.duizhao.library.TextHash;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Reads the work for a job and stores each result as soon as it is known, one short transaction each. */
@Component
class TranslationStore {

    // The job runs as the article's owner (see TranslationService), so the owner's access finds the article.
    private final ArticleAccess articles;
    private final ArticleEditor editor;

    TranslationStore(ArticleAccess articles, ArticleEditor editor) {
        this.articles = articles;
        this.editor = editor;
    }

    /**
     * What a run has to do. {@code targets} names, for each segment id (the block's position when the run was
     * prepared), the block it was taken from and the hash of its text: results are stored on that block, wherever it
     * stands by then, and only while it still has that text.
     */
    record Work(long articleId, ArticleContext context, List<Segment> segments, List<String> paragraphs,
                boolean needsSummary, Direction direction, String sourceName, int translatable,
                Map<Integer, Target> targets) {
    }

    /** The block a segment was taken from, and {@link TextHash#of} the text that was sent. */
    record Target(long blockId, String textHash) {
    }

    /** Counts of an article's translatable blocks, for status reports. */
    record Counts(int total, int translated, int failed) {
    }

    @Transactional(readOnly = true)
    java.util.Optional<Counts> counts(long articleId) {
        return articles.find(articleId).map(article -> {
            int total = 0;
            int translated = 0;
            int failed = 0;
            for (ArticleBlock block : article.getBlocks()) {
                if (!block.isTranslatable()) {
                    continue;
                }
                total++;
                if (block.getTranslationError() != null) {
                    failed++;
                } else if (block.getMachineEnglish() != null) {
                    translated++;
                }
            }
            return new Counts(total, translated, failed);
        });
    }

    /** The text of one block, or empty. */
    @Transactional(readOnly = true)
    java.util.Optional<String> blockText(long articleId, int position) {
        return articles.find(articleId).flatMap(a -> a.getBlocks().stream()
                .filter(b -> b.getPosition() == position && b.isTranslatable()).findFirst().map(ArticleBlock::getText));
    }

    @Transactional(readOnly = true)
    String language(long articleId) {
        return articles.find(articleId).map(Article::getLanguage).orElse("zh-Hans");
    }

    @Transactional(readOnly = true)
    Work prepare(long articleId, EngineInfo engine, boolean force) {
        return prepare(articleId, engine, force, null);
    }

    /** The work of a run; with {@code onlyPosition} set, that one block (always, whatever it has) and no summary. */
    @Transactional(readOnly = true)
    Work prepare(long articleId, EngineInfo engine, boolean force, Integer onlyPosition) {
        Article article = articles.find(articleId)
                .orElseThrow(() -> new NoSuchElementException("No article " + articleId));
        String date = article.getPublishedAt() == null ? null
                : article.getPublishedAt().format(DateTimeFormatter.ISO_LOCAL_DATE);
        ArticleContext context = new ArticleContext(article.getTitle(), article.getSourceName(), date);
        List<Segment> segments = new ArrayList<>();
        List<String> paragraphs = new ArrayList<>();
        Map<Integer, Target> targets = new HashMap<>();
        for (ArticleBlock block : article.getBlocks()) {
            if (!block.isTranslatable()) {
                continue;
            }
            paragraphs.add(block.getText());
            targets.put(block.getPosition(), new Target(block.getId(), TextHash.of(block.getText())));
            if (onlyPosition != null) {
                if (block.getPosition() == onlyPosition) {
                    segments.add(new Segment(block.getPosition(), block.getText()));
                }
                continue;
            }
            boolean sameEngine = engine.kind().name().equals(block.getMachineKind())
                    && engine.model().equals(block.getMachineModel());
            if (force || block.getMachineEnglish() == null || !sameEngine) {
                segments.add(new Segment(block.getPosition(), block.getText()));
            }
        }
        boolean summaryFromThisEngine = engine.kind().name().equals(article.getSummaryKind())
                && engine.model().equals(article.getSummaryModel());
        boolean needsSummary = onlyPosition == null && (force || article.getSummary() == null || !summaryFromThisEngine);
        return new Work(articleId, context, segments, paragraphs, needsSummary,
                Direction.forLanguage(article.getLanguage()), article.getSourceName(), paragraphs.size(), targets);
    }

    /** Records which engine the article's English now comes from, once per run, before blocks are saved. */
    void markEngine(long articleId, EngineInfo engine) {
        editor.recordTranslationEngine(articleId, engine.kind().name(), engine.model());
    }

    /**
     * Stores the English of segment {@code id} of a run on the block it was taken from, if that block still has the
     * text that was translated (a fragment restored meanwhile moves blocks, never the English onto another one);
     * returns whether it was stored. Blocks are saved one by one, from concurrent requests: only the block row is
     * touched, never the article, so parallel saves cannot collide on the article's optimistic lock.
     */
    boolean saveBlock(Work work, int id, String english, EngineInfo engine) {
        Target target = work.targets().get(id);
        return target != null && editor.recordTranslation(target.blockId(), target.textHash(), english,
                engine.kind().name(), engine.model());
    }

    /** Records why segment {@code id} could not be translated, on its block, as {@link #saveBlock} does. */
    boolean saveBlockError(Work work, int id, String error) {
        Target target = work.targets().get(id);
        return target != null && editor.recordTranslationError(target.blockId(), target.textHash(), error);
    }

    void saveSummary(long articleId, String summary, EngineInfo engine) {
        editor.recordSummary(articleId, summary, engine.kind().name(), engine.model());
    }
}
