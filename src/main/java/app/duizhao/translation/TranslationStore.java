package app.duizhao.translation;

import app.duizhao.library.Article;
import app.duizhao.library.ArticleBlock;
import app.duizhao.library.ArticleRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/** Reads the work for a job and stores each result as soon as it is known, one short transaction each. */
@Component
class TranslationStore {

    private final ArticleRepository articles;

    @PersistenceContext
    private EntityManager entityManager;

    TranslationStore(ArticleRepository articles) {
        this.articles = articles;
    }

    /** What a run has to do. */
    record Work(ArticleContext context, List<Segment> segments, List<String> paragraphs, boolean needsSummary,
                Direction direction, String sourceName, int translatable) {
    }

    /** Counts of an article's translatable blocks, for status reports. */
    record Counts(int total, int translated, int failed) {
    }

    @Transactional(readOnly = true)
    java.util.Optional<Counts> counts(long articleId) {
        return articles.findById(articleId).map(article -> {
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
        return articles.findById(articleId).flatMap(a -> a.getBlocks().stream()
                .filter(b -> b.getPosition() == position && b.isTranslatable()).findFirst().map(ArticleBlock::getText));
    }

    @Transactional(readOnly = true)
    String language(long articleId) {
        return articles.findById(articleId).map(Article::getLanguage).orElse("zh-Hans");
    }

    @Transactional(readOnly = true)
    Work prepare(long articleId, EngineInfo engine, boolean force) {
        return prepare(articleId, engine, force, null);
    }

    /** The work of a run; with {@code onlyPosition} set, that one block (always, whatever it has) and no summary. */
    @Transactional(readOnly = true)
    Work prepare(long articleId, EngineInfo engine, boolean force, Integer onlyPosition) {
        Article article = articles.findById(articleId)
                .orElseThrow(() -> new NoSuchElementException("No article " + articleId));
        String date = article.getPublishedAt() == null ? null
                : article.getPublishedAt().format(DateTimeFormatter.ISO_LOCAL_DATE);
        ArticleContext context = new ArticleContext(article.getTitle(), article.getSourceName(), date);
        List<Segment> segments = new ArrayList<>();
        List<String> paragraphs = new ArrayList<>();
        for (ArticleBlock block : article.getBlocks()) {
            if (!block.isTranslatable()) {
                continue;
            }
            paragraphs.add(block.getText());
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
        return new Work(context, segments, paragraphs, needsSummary, Direction.forLanguage(article.getLanguage()),
                article.getSourceName(), paragraphs.size());
    }

    /** Records which engine the article's English now comes from, once per run, before blocks are saved. */
    @Transactional
    void markEngine(long articleId, EngineInfo engine) {
        Article article = articles.findById(articleId).orElseThrow();
        article.setTranslationEngine(engine.kind().name(), engine.model());
    }

    // Blocks are saved one by one, from concurrent requests: touch only the block row, never the article, so
    // parallel saves cannot collide on the article's optimistic lock.
    @Transactional
    void saveBlock(long articleId, int position, String english, EngineInfo engine) {
        block(articleId, position).setMachineEnglish(english, engine.kind().name(), engine.model());
    }

    @Transactional
    void saveBlockError(long articleId, int position, String error) {
        block(articleId, position).setTranslationError(error);
    }

    @Transactional
    void saveSummary(long articleId, String summary, EngineInfo engine) {
        Article article = articles.findById(articleId).orElseThrow();
        article.setSummary(summary, engine.kind().name(), engine.model());
    }

    private ArticleBlock block(long articleId, int position) {
        return entityManager.createQuery(
                        "select b from ArticleBlock b where b.article.id = :article and b.position = :position",
                        ArticleBlock.class)
                .setParameter("article", articleId)
                .setParameter("position", position)
                .getResultStream().findFirst()
                .orElseThrow(() -> new NoSuchElementException("No block " + position + " in article " + articleId));
    }
}
