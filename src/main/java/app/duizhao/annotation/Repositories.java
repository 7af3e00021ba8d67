package app.duizhao.annotation;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

interface HighlightRepository extends JpaRepository<Highlight, Long> {

    @Query("select h from Highlight h where h.articleId = :articleId order by h.blockPosition, h.startOffset, h.id")
    List<Highlight> findByArticle(long articleId);

    @Modifying
    @Query("delete from Highlight h where h.articleId = :articleId")
    void deleteByArticle(long articleId);
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

    @Query("select d from Draft d where d.articleId = :articleId order by d.blockPosition, d.field")
    List<Draft> findByArticle(long articleId);

    @Query("select d from Draft d where d.articleId = :articleId and d.blockPosition = :position and d.field = :field")
    Optional<Draft> find(long articleId, int position, String field);
}

interface BlockRevisionRepository extends JpaRepository<BlockRevision, Long> {

    @Query("select r from BlockRevision r where r.articleId = :articleId")
    List<BlockRevision> findByArticle(long articleId);

    @Query("select r from BlockRevision r where r.articleId = :articleId and r.blockPosition = :position")
    Optional<BlockRevision> find(long articleId, int position);
}
