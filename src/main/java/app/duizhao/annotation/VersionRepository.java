package app.duizhao.annotation;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

interface VersionRepository extends JpaRepository<ArticleVersion, Long> {

    List<ArticleVersion> findByArticleIdOrderByNumberDesc(long articleId);

    Optional<ArticleVersion> findByArticleIdAndNumber(long articleId, int number);

    @Query("select coalesce(max(v.number), 0) from ArticleVersion v where v.articleId = :articleId")
    int lastNumber(long articleId);
}
