package app.duizhao.library.ui;

import app.duizhao.importing.ImportService;
import app.duizhao.library.ArticleSummary;
import app.duizhao.reader.ui.ReaderView;
import app.duizhao.testsupport.Fixtures;
import app.duizhao.testsupport.KaribuSpringTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.GridKt._findAll;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

class LibraryViewTest extends KaribuSpringTest {

    @Autowired
    ImportService importer;

    @Test
    void listsStoredArticlesWithSourceDateAndTranslationState() {
        long id = importer.importFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost()).articleId();

        // The mocked UI opened the library before the import: leave it and come back, as a user would.
        UI.getCurrent().navigate(ReaderView.class, id);
        UI.getCurrent().navigate(LibraryView.class);

        @SuppressWarnings("unchecked")
        Grid<ArticleSummary> grid = _get(Grid.class, spec -> spec.withId("articles"));
        List<ArticleSummary> rows = _findAll(grid);
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.title()).isEqualTo("秦刚：中美关系的大球仍需小球推动");
            assertThat(row.sourceName()).isEqualTo("联合早报");
            assertThat(row.publishedAt()).isNotNull();
            assertThat(row.state().label()).isIn("Not translated", "Dictionary gloss (offline)", "Translated",
                    "Partly translated");
        });
    }

    @Test
    void pastingChineseTextImportsItAndOpensTheReader() {
        UI.getCurrent().navigate(LibraryView.class);

        _get(TextArea.class, spec -> spec.withId("paste")).setValue("图书馆测试的第一段。\n\n图书馆测试的第二段。");
        _click(_get(Button.class, spec -> spec.withId("import-text")));

        assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain().getFirst())
                .isInstanceOf(ReaderView.class);
    }

    @Test
    void anEmptyPasteShowsAClearMessageAndStaysOnTheLibrary() {
        UI.getCurrent().navigate(LibraryView.class);
        LibraryView view = _get(LibraryView.class);

        _click(_get(Button.class, spec -> spec.withId("import-text")));

        assertThat(view.importMessage()).contains("no text to import");
        assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain().getFirst())
                .isInstanceOf(LibraryView.class);
    }
}
