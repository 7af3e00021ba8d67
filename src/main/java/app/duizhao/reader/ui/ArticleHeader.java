package app.duizhao.reader.ui;

import app.duizhao.library.ArticleSnapshot;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Title and metadata of an article: source, date, author and the original link. */
class ArticleHeader extends Div {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

    ArticleHeader(ArticleSnapshot article) {
        addClassName("dz-article-header");
        H1 title = new H1(article.title());
        title.addClassName("dz-title");
        title.getElement().setAttribute("lang", article.language());
        Div meta = new Div();
        meta.addClassName("dz-meta");
        List<String> parts = new ArrayList<>();
        if (article.sourceName() != null) {
            parts.add(article.sourceName());
        }
        if (article.publishedAt() != null) {
            parts.add(DATE.format(article.publishedAt().atZoneSameInstant(java.time.ZoneOffset.UTC)));
        }
        if (article.author() != null && !article.author().equals(article.sourceName())) {
            parts.add(article.author());
        }
        meta.add(new Span(String.join(" · ", parts)));
        if (article.sourceUrl() != null && article.sourceUrl().matches("(?i)https?://.*")) {
            Anchor original = new Anchor(article.sourceUrl(), "Original", AnchorTarget.BLANK);
            original.getElement().setAttribute("rel", "noopener noreferrer");
            original.addClassName("dz-original");
            meta.add(new Span(parts.isEmpty() ? "" : " · "), original);
        }
        add(title, meta);
    }
}
