package app.duizhao.library.ui;

import com.vaadin.flow.component.Component;

/**
 * A part another feature adds to the library page, without the library knowing the feature: the import box
 * (importing) above the articles, the export of a selection (export) below them. Each part is a Spring bean; the
 * library page asks every part for a fresh component when it opens, in {@link #order()}.
 *
 * <p>A component that acts on the articles the page shows implements {@link ShowsArticles}.
 */
public interface LibraryPart {

    /** Where on the library page a part goes. */
    enum Place {
        /** Above the list: ways to add articles. */
        ADD_ARTICLES,
        /** Below the list: what to do with the articles shown. */
        BELOW_ARTICLES
    }

    /** Where the part goes. */
    Place place();

    /** Its rank among the parts of its place, lowest first. */
    default int order() {
        return 0;
    }

    /** A new component for one library page (a view instance), never shared between pages. */
    Component create();
}
