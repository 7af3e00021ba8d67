package app.duizhao.library.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;

/**
 * Where an article opens: the reader at {@code /articles/{id}}. Pages that list or create articles link there by
 * address, so the library and the import know no reader class (the reader depends on them, not the other way).
 */
public final class ArticleLinks {

    private ArticleLinks() {
    }

    /** The reader's address of an article, relative to the application. */
    public static String reader(long articleId) {
        return "articles/" + articleId;
    }

    /** A link to the article in the reader that navigates within the page, as a {@code RouterLink} does. */
    public static Anchor readerLink(String text, long articleId) {
        Anchor link = new Anchor(reader(articleId), text);
        link.getElement().setAttribute("router-link", true);
        return link;
    }

    /** Opens the article in the reader. */
    public static void open(long articleId) {
        UI.getCurrent().navigate(reader(articleId));
    }
}
