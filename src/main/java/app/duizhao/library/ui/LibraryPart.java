package app.duizhao.library.ui;

import com.vaadin.flow.component.Component;

import java.util.function.Supplier;

/**
 * A part another feature adds to the library page, without the library knowing the feature: the import box
 * (importing) above the articles, the export of a selection (export) below them. Each part is a Spring bean; the
 * library page asks every part for a fresh component when it opens, in {@link #order()}. A feature declares its
 * part as a {@code @Bean} made with {@link #of}.
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

    /** A part at {@code place}, ranked {@code order}, whose components {@code factory} makes. */
    static LibraryPart of(Place place, int order, Supplier<? extends Component> factory) {
        return new LibraryPart() {
            @Override
            public Place place() {
                return place;
            }

            @Override
            public int order() {
                return order;
            }

            @Override
            public Component create() {
                return factory.get();
            }
        };
    }
}
