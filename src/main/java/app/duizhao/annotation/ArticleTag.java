package app.duizhao.annotation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tag the user put on an article (the source's own tags stay on the article). */
@Entity
@Table(name = "article_tag")
class ArticleTag {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "article_id", nullable = false)
    private long articleId;
    private String tag;

    protected ArticleTag() {
    }

    ArticleTag(long articleId, String tag) {
        this.articleId = articleId;
        this.tag = tag;
    }

    long getArticleId() { return articleId; }
    String getTag() { return tag; }
}
