package app.duizhao.export.ui;

import app.duizhao.export.ExportService;
import app.duizhao.library.ui.LibraryPart;

/** Puts the {@link SelectionExport} on the library page, below the articles. */
@org.springframework.stereotype.Component
class SelectionExportPart implements LibraryPart {

    private final ExportService exports;

    SelectionExportPart(ExportService exports) {
        this.exports = exports;
    }

    @Override
    public Place place() {
        return Place.BELOW_ARTICLES;
    }

    @Override
    public com.vaadin.flow.component.Component create() {
        return new SelectionExport(exports);
    }
}
