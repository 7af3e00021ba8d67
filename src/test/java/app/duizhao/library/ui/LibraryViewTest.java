package app.duizhao.library.ui;

import app.duizhao.importing.ImportService;
import app.duizhao.importing.ui.ImportBox;
import app.duizhao.library.ArticleSummary;
import app.duizhao.reader.ui.ReaderView;
import app.duizhao.testsupport.Fixtures;
import app.duizhao.testsupport.KaribuSpringTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
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
        _click(_get(Button.class, spec -> spec.withId("import-text")));

        assertThat(_get(ImportBox.class).importMessage()).contains("no text to import");
        assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain().getFirst())
                .isInstanceOf(LibraryView.class);
    }

    @Test
    void searchingFiltersTheGridAndClearingTheSearchShowsEverythingAgain() {
        importer.importText("图书馆搜索测试：长江流域的湿地保护。\n\n第二段讲候鸟迁徙。");
        importer.importText("另一篇文章谈城市交通。");
        UI.getCurrent().navigate(LibraryView.class);
        @SuppressWarnings("unchecked")
        Grid<ArticleSummary> grid = _get(Grid.class, spec -> spec.withId("articles"));
        int all = _findAll(grid).size();

        _get(TextField.class, spec -> spec.withId("search")).setValue("湿地保护");

        assertThat(_findAll(grid)).singleElement()
                .satisfies(row -> assertThat(row.title()).contains("湿地保护"));
        assertThat(_get(Paragraph.class, spec -> spec.withId("article-count")).getText()).startsWith("1 of ");

        _get(TextField.class, spec -> spec.withId("search")).setValue("");
        assertThat(_findAll(grid)).hasSize(all);
    }

    @Test
    void theTranslationStateFilterKeepsOnlyArticlesInThatState() {
        importer.importText("状态过滤测试的一段文字。");
        UI.getCurrent().navigate(LibraryView.class);
        @SuppressWarnings("unchecked")
        Grid<ArticleSummary> grid = _get(Grid.class, spec -> spec.withId("articles"));
        @SuppressWarnings("unchecked")
        Select<ArticleSummary.TranslationState> status = _get(Select.class, spec -> spec.withId("status-filter"));

        status.setValue(ArticleSummary.TranslationState.TRANSLATED);
        assertThat(_findAll(grid)).allSatisfy(row ->
                assertThat(row.state()).isEqualTo(ArticleSummary.TranslationState.TRANSLATED));

        status.setValue(ArticleSummary.TranslationState.NOT_TRANSLATED);
        assertThat(_findAll(grid)).isNotEmpty().allSatisfy(row ->
                assertThat(row.state()).isEqualTo(ArticleSummary.TranslationState.NOT_TRANSLATED));
    }
}
