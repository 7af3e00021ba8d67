package app.duizhao.importing.ui;

import app.duizhao.importing.ImportService;
import app.duizhao.library.ui.LibraryPart;

/** Puts the {@link ImportBox} on the library page, above the articles. */
@org.springframework.stereotype.Component
class ImportBoxPart implements LibraryPart {

    private final ImportService importer;

    ImportBoxPart(ImportService importer) {
        this.importer = importer;
    }

    @Override
    public Place place() {
        return Place.ADD_ARTICLES;
    }

    @Override
    public com.vaadin.flow.component.Component create() {
        return new ImportBox(importer);
    }
}
