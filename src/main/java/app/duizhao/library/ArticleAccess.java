package app.duizhao.library;

import app.duizhao.account.CurrentUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The one check between a person and an article: services load articles only through here. Another user's article
 * behaves exactly like a missing one (never reveal that it exists).
 */
@Component
public class ArticleAccess {

    private final ArticleRepository articles;
    private final CurrentUser currentUser;

    ArticleAccess(ArticleRepository articles, CurrentUser currentUser) {
        this.articles = articles;
        this.currentUser = currentUser;
    }

    /** The current user's article, or empty when there is none with that id they own. */
    @Transactional(readOnly = true)
    public Optional<Article> find(long articleId) {
        return articles.findByIdAndOwnerId(articleId, currentUser.id());
    }

    /**
     * The current user's article.
     *
     * @throws NoSuchElementException when there is none with that id they own
     */
    @Transactional(readOnly = true)
    public Article require(long articleId) {
        return find(articleId).orElseThrow(() -> new NoSuchElementException("No article " + articleId));
    }

    /** Whether the current user has an article with that id. */
    @Transactional(readOnly = true)
    public boolean exists(long articleId) {
        return articles.existsByIdAndOwnerId(articleId, currentUser.id());
    }

    /** The owner new articles get: the current user. */
    public long ownerId() {
        return currentUser.id();
    }
}
