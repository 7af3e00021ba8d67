package app.duizhao.library;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The one writer of articles and their blocks: every other feature changes them through here, and each change is
 * published as a {@link LibraryEvent} in the transaction that made it (the search index, the change feed and others
 * follow it from there).
 *
 * <p>A paragraph is known by its block id. A translation is recorded on the block it was made for, wherever that
 * block stands now, and only if the block still has the text that was translated ({@link TextHash}); restoring a
 * removed fragment moves the blocks after it and nothing else: the rows of other features refer to block ids.
 */
@Service
@Transactional
public class ArticleEditor {

    /** Positions are moved out of the way by this much first, so (article, position) stays unique at every step. */
    private static final int SHIFT = 1_000_000;

    private final ApplicationEventPublisher events;
    private final JdbcTemplate jdbc;
    private final ArticleAccess access;
    private final ArticleRepository articles;

    @PersistenceContext
    private EntityManager entityManager;

    ArticleEditor(ApplicationEventPublisher events, JdbcTemplate jdbc, ArticleAccess access,
                  ArticleRepository articles) {
        this.events = events;
        this.jdbc = jdbc;
        this.access = access;
        this.articles = articles;
    }

    // ---------------------------------------------------------------- new articles

    /**
     * Stores a new article of the current user, with its blocks and what the cleaner removed. With
     * {@code unlessStored}, an article the user already has (same content hash, or same source link) is returned
     * instead and nothing is stored.
     */
    public StoredArticle create(NewArticle article, boolean unlessStored) {
        long owner = access.ownerId();
        String contentHash = ArticleContent.hash(article.blocks());
        if (unlessStored) {
            // Duplicates are per owner: two people may each import the same post.
            Optional<Article> existing = articles.findFirstByOwnerIdAndContentHash(owner, contentHash);
            if (existing.isEmpty() && article.sourceUrl() != null) {
                existing = articles.findFirstByOwnerIdAndSourceUrl(owner, article.sourceUrl());
            }
            if (existing.isPresent()) {
                return new StoredArticle(existing.get().getId(), existing.get().getTitle(), true);
            }
        }
        Article stored = new Article(article.title(), article.language(), contentHash, OffsetDateTime.now());
        stored.setOwnerId(owner);
        stored.setAuthor(article.author());
        stored.setSourceName(article.sourceName());
        stored.setSourceUrl(article.sourceUrl());
        stored.setPublishedAt(article.publishedAt());
        stored.setTags(LibraryService.joinList(article.tags()));
        stored.setCategories(LibraryService.joinList(article.categories()));
        stored.setOriginalFileName(article.originalFileName());
        stored.setSummary(article.summary(), article.summaryKind(), article.summaryModel());
        stored.setTranslationEngine(article.translationKind(), article.translationModel());
        for (NewArticle.Block b : article.blocks()) {
            ArticleBlock block = stored.addBlock(b.kind(), b.text(), b.imageUrl());
            if (b.machineEnglish() != null || b.machineKind() != null || b.machineModel() != null) {
                block.setMachineEnglish(b.machineEnglish(), b.machineKind(), b.machineModel());
            }
            block.setTranslationError(b.translationError());
            block.setCorrectedEnglish(b.correctedEnglish());
            block.setNote(b.note());
        }
        for (NewArticle.Removed removed : article.removed()) {
            stored.addRemoved(removed.reason(), removed.text(), removed.nextBlock());
        }
        Article saved = articles.saveAndFlush(stored);
        events.publishEvent(new LibraryEvent.ArticleCreated(saved.getId()));
        return new StoredArticle(saved.getId(), saved.getTitle(), false);
    }

    /** The current user's article imported from this (normalised) source link, if there is one. */
    @Transactional(readOnly = true)
    public Optional<StoredArticle> fromSource(String sourceUrl) {
        return articles.findFirstByOwnerIdAndSourceUrl(access.ownerId(), sourceUrl)
                .map(a -> new StoredArticle(a.getId(), a.getTitle(), true));
    }

    // ---------------------------------------------------------------- the user's work on a block

    /** Sets (blank removes) the user's note on a block of an article read in this transaction. */
    public void setNote(ArticleBlock block, String note) {
        block.setNote(note);
        changed(block);
    }

    /** Sets (blank removes) the user's English of a block of an article read in this transaction. */
    public void correctEnglish(ArticleBlock block, String english) {
        block.setCorrectedEnglish(english);
        changed(block);
    }

    /** Puts back the machine English a saved version had (a version restore). */
    public void restoreMachineEnglish(ArticleBlock block, String english, String kind, String model) {
        block.setMachineEnglish(english, kind, model);
        changed(block);
    }

    /** Reads a block again from the database (a check that must see the latest saved text). */
    public void refresh(ArticleBlock block) {
        entityManager.refresh(block);
    }

    /** Writes pending changes now, so a lost race with another writer shows in the caller's transaction. */
    public void flush() {
        entityManager.flush();
    }

    // ---------------------------------------------------------------- translations

    /**
     * Records a machine translation of a block, if the block still exists and still has the text that was
     * translated; otherwise (the block was deleted, or its text is another one now) nothing is written.
     *
     * @param textHash {@link TextHash#of} the text that was translated
     * @return whether it was recorded
     */
    public boolean recordTranslation(long blockId, String textHash, String english, String kind, String model) {
        Optional<ArticleBlock> block = sameText(blockId, textHash);
        block.ifPresent(b -> {
            b.setMachineEnglish(english, kind, model);
            changed(b);
        });
        return block.isPresent();
    }

    /** Records why a block's text could not be translated, under the same condition as {@link #recordTranslation}. */
    public boolean recordTranslationError(long blockId, String textHash, String error) {
        Optional<ArticleBlock> block = sameText(blockId, textHash);
        block.ifPresent(b -> {
            b.setTranslationError(error);
            changed(b);
        });
        return block.isPresent();
    }

    private Optional<ArticleBlock> sameText(long blockId, String textHash) {
        return Optional.ofNullable(entityManager.find(ArticleBlock.class, blockId))
                .filter(b -> TextHash.of(b.getText()).equals(textHash));
    }

    /** Records which engine the article's English now comes from. */
    public void recordTranslationEngine(long articleId, String kind, String model) {
        article(articleId).setTranslationEngine(kind, model);
        events.publishEvent(new LibraryEvent.ArticleChanged(articleId));
    }

    /** Records a finished summary and what wrote it. */
    public void recordSummary(long articleId, String summary, String kind, String model) {
        article(articleId).setSummary(summary, kind, model);
        events.publishEvent(new LibraryEvent.ArticleChanged(articleId));
    }

    private Article article(long articleId) {
        Article article = entityManager.find(Article.class, articleId);
        if (article == null) {
            throw new NoSuchElementException("No article " + articleId);
        }
        return article;
    }

    // ---------------------------------------------------------------- the cleaning audit

    /** Something the cleaner removed from an article. */
    public record RemovedFragment(long id, String reason, String text, int nextBlock, int position) {
    }

    /** What the cleaner removed from one of the current user's articles, in document order. */
    @Transactional(readOnly = true)
    public List<RemovedFragment> removed(long articleId) {
        if (!access.exists(articleId)) {
            return List.of();
        }
        return jdbc.query("""
                        select id, reason, text, coalesce(next_block, 0) as next_block, position from removed_block
                        where article_id = ? order by coalesce(next_block, 0), position""",
                (rs, row) -> new RemovedFragment(rs.getLong("id"), rs.getString("reason"), rs.getString("text"),
                        rs.getInt("next_block"), rs.getInt("position")), articleId);
    }

    /**
     * Puts a removed fragment back into one of the current user's articles as a paragraph block at the place it was
     * removed from, and forgets it as removed. The blocks after it move down one position; nothing that refers to a
     * block (translations, notes, highlights, drafts, edit counts) is touched, since it refers to the block's id.
     *
     * @return the new block, or empty when the fragment is not (or no longer) part of that article
     */
    public Optional<ArticleBlock> insertRestoredBlock(long articleId, long removedId) {
        Optional<RemovedFragment> found = removed(articleId).stream().filter(r -> r.id() == removedId).findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RemovedFragment fragment = found.get();
        entityManager.flush();
        Integer count = jdbc.queryForObject("select count(*) from article_block where article_id = ?",
                Integer.class, articleId);
        int position = Math.max(0, Math.min(fragment.nextBlock(), count == null ? 0 : count));
        // (article_id, position) is unique at every statement: move the later blocks out of the way, then back one
        // place further.
        jdbc.update("update article_block set position = position + ? where article_id = ? and position >= ?",
                SHIFT, articleId, position);
        jdbc.update("update article_block set position = position - ? where article_id = ? and position >= ?",
                SHIFT - 1, articleId, SHIFT);
        jdbc.update("insert into article_block (article_id, position, kind, text) values (?, ?, 'paragraph', ?)",
                articleId, position, fragment.text().strip());
        jdbc.update("delete from removed_block where id = ?", removedId);
        // Fragments that stood after the restored one move down with the blocks.
        jdbc.update("""
                        update removed_block set next_block = next_block + 1
                        where article_id = ? and (next_block > ? or next_block = ? and position > ?)""",
                articleId, position, position, fragment.position());
        // Bump the optimistic lock so an editor holding the old block list reloads instead of overwriting.
        jdbc.update("update article set lock_version = lock_version + 1 where id = ?", articleId);
        // The rows were written past the persistence context: what this transaction reads next comes fresh.
        entityManager.clear();
        ArticleBlock block = entityManager.createQuery(
                        "select b from ArticleBlock b where b.article.id = :article and b.position = :position",
                        ArticleBlock.class)
                .setParameter("article", articleId).setParameter("position", position).getSingleResult();
        events.publishEvent(new LibraryEvent.BlockChanged(articleId, block.getId()));
        return Optional.of(block);
    }

    private void changed(ArticleBlock block) {
        events.publishEvent(new LibraryEvent.BlockChanged(block.getArticle().getId(), block.getId()));
    }
}
