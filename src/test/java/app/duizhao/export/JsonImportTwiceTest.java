package app.duizhao.export;

import app.duizhao.importing.ImportResult;
import app.duizhao.importing.ImportService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Importing the same JSON export twice stores it once, as for every other import: the second answers the first. */
@SpringBootTest
@ActiveProfiles("test")
class JsonImportTwiceTest {

    @Autowired ExportService exports;
    @Autowired ImportService importer;
    @Autowired app.duizhao.library.LibraryService library;

    @Test
    void importingTheSameJsonExportTwiceStoresItOnce() {
        String tag = UUID.randomUUID().toString();
        long original = importer.importText("两次导入同一份导出" + tag + "。\n\n第二段内容。").articleId();
        byte[] json = exports.export(original, null, ExportFormat.JSON).content();

        // While the article is stored, importing its export is a no-op that answers it, as for every other import.
        assertThat(exports.importJson(json).articleId()).isEqualTo(original);
        library.delete(original);

        ImportResult first = exports.importJson(json);
        ImportResult second = exports.importJson(json);

        assertThat(first.duplicate()).isFalse();
        assertThat(second.duplicate()).isTrue();
        assertThat(second.articleId()).isEqualTo(first.articleId());
    }
}
