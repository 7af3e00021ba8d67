package app.duizhao.importing.ui;

import app.duizhao.importing.ImportService;
import app.duizhao.library.ui.LibraryPart;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the {@link ImportBox} on the library page, above the articles. */
@Configuration(proxyBeanMethods = false)
class ImportBoxPart {

    @Bean
    LibraryPart importBox(ImportService importer) {
        return LibraryPart.of(LibraryPart.Place.ADD_ARTICLES, 0, () -> new ImportBox(importer));
    }
}
