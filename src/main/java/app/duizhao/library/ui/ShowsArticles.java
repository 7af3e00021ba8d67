package app.duizhao.library.ui;

import app.duizhao.library.ArticleSummary;

import java.util.List;

/** A {@link LibraryPart}'s component that follows the articles the library page shows. */
public interface ShowsArticles {

    /** The articles the filters show now (the first few hundred of them), each time they change. */
    void showArticles(List<ArticleSummary> articles);
}
