package app.duizhao.library;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import org.springframework.stereotype.Component;

/**
 * Keeps the search index in step with the database, whoever changes an article (import, translation,
 * corrections, delete): Hibernate calls this for every written {@link Article} and {@link ArticleBlock}, and the
 * article is reindexed once the transaction commits. Spring supplies the instance (Hibernate's bean container).
 */
@Component
class ArticleIndexListener {

    private final LibraryIndex index;

    ArticleIndexListener(LibraryIndex index) {
        this.index = index;
    }

    @PostPersist
    @PostUpdate
    @PostRemove
    void changed(Object entity) {
        Long articleId = switch (entity) {
            case Article article -> article.getId();
            case ArticleBlock block -> block.getArticle() == null ? null : block.getArticle().getId();
            default -> null;
        };
        if (articleId != null) {
            index.changed(articleId);
        }
    }
}
