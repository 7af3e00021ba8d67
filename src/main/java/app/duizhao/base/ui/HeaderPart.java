package app.duizhao.base.ui;

import com.vaadin.flow.component.Component;

/**
 * Something a feature puts in the header of every page, after the menu (the theme switch, which engine translates,
 * the account corner), so that the layout knows no feature. Each part is a Spring bean; every page frame asks each
 * part for a fresh component, in {@link #order()}.
 */
public interface HeaderPart {

    /** Its rank in the header, lowest first. */
    int order();

    /** A new component for one page frame, never shared. */
    Component create();
}
