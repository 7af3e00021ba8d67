package app.duizhao.library;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Keeps the search index in step with the database, whoever changes an article (import, translation,
 * corrections, delete): Hibernate calls this for every written {@link Article} and {@link ArticleBlock}, and the
 * article is reindexed once the transaction commits. The change is also published, in the transaction, for other
 * instances on the same database (see {@link LibraryIndex}). Spring supplies the instance (Hibernate's bean
 * container).
 */
@Component
class ArticleIndexListener {

    // Looked up on first use: Hibernate builds this listener while the index's own dependencies (the transaction
    // manager, hence the entity manager factory) are still being created.
    private final ObjectProvider<LibraryIndex> index;

    ArticleIndexListener(ObjectProvider<LibraryIndex> index) {
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
            index.getObject().changed(articleId);
        }
    }
}
