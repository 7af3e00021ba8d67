package app.duizhao.export.ui;

import app.duizhao.export.ExportService;
import app.duizhao.library.ui.LibraryPart;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the {@link SelectionExport} on the library page, below the articles. */
@Configuration(proxyBeanMethods = false)
class SelectionExportPart {

    @Bean
    LibraryPart selectionExport(ExportService exports) {
        return LibraryPart.of(LibraryPart.Place.BELOW_ARTICLES, 0, () -> new SelectionExport(exports));
    }
}
