package app.duizhao.base.ui;

import com.vaadin.flow.component.Component;

import java.util.function.Supplier;

/**
 * Something a feature puts in the header of every page, after the menu (the theme switch, which engine translates,
 * the account corner), so that the layout knows no feature. Each part is a Spring bean; every page frame asks each
 * part for a fresh component, in {@link #order()}. A feature declares its part as a {@code @Bean} made with
 * {@link #of}.
 */
public interface HeaderPart {

    /** Its rank in the header, lowest first. */
    int order();

    /** A new component for one page frame, never shared. */
    Component create();

    /** A header part ranked {@code order}, whose components {@code factory} makes. */
    static HeaderPart of(int order, Supplier<? extends Component> factory) {
        return new HeaderPart() {
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
