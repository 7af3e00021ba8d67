package app.duizhao.annotation;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

interface HighlightRepository extends JpaRepository<Highlight, Long> {

    /** In no particular paragraph order: callers order by the blocks' positions. */
    @Query("select h from Highlight h where h.articleId = :articleId order by h.startOffset, h.id")
    List<Highlight> findByArticle(long articleId);

    @Modifying
    @Query("delete from Highlight h where h.articleId = :articleId")
    void deleteByArticle(long articleId);

    /**
     * Sets a highlight's colour and note if they are still {@code oldColour} and {@code oldNote}; returns how many
     * rows changed (0 when another save changed them first). One statement, so it cannot interleave with another.
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update Highlight h set h.colour = :newColour, h.noteMarkdown = :newNote, h.updatedAt = :now
            where h.id = :id and h.colour = :oldColour
              and (h.noteMarkdown = :oldNote or (h.noteMarkdown is null and :oldNoteMissing = true))""")
    int compareAndSet(long id, String oldColour, String oldNote, boolean oldNoteMissing, String newColour,
                      String newNote, java.time.OffsetDateTime now);

    default int compareAndSet(long id, String oldColour, String oldNote, String newColour, String newNote,
                              java.time.OffsetDateTime now) {
        return compareAndSet(id, oldColour, oldNote == null ? "" : oldNote, oldNote == null, newColour, newNote, now);
    }
}

interface TagRepository extends JpaRepository<ArticleTag, Long> {

    @Query("select t from ArticleTag t where t.articleId = :articleId order by t.tag")
    List<ArticleTag> findByArticle(long articleId);

    @Query("select t from ArticleTag t order by t.articleId, t.tag")
    List<ArticleTag> findAllOrdered();

    @Modifying
    @Query("delete from ArticleTag t where t.articleId = :articleId")
    void deleteByArticle(long articleId);
}

interface DraftRepository extends JpaRepository<Draft, Long> {

    @Query("select d from Draft d where d.articleId = :articleId order by d.field")
    List<Draft> findByArticle(long articleId);

    @Query("select d from Draft d where d.blockId = :blockId and d.field = :field")
    Optional<Draft> find(long blockId, String field);
}

interface BlockRevisionRepository extends JpaRepository<BlockRevision, Long> {

    @Query("select r from BlockRevision r where r.articleId = :articleId")
    List<BlockRevision> findByArticle(long articleId);

    @Query("select r from BlockRevision r where r.blockId = :blockId")
    Optional<BlockRevision> find(long blockId);
}
