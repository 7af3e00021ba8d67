package app.duizhao.export.ui;

import app.duizhao.annotation.AnnotationService;
import app.duizhao.importing.ImportService;
import app.duizhao.library.ArticleSummary;
import app.duizhao.library.LibraryService;
import app.duizhao.library.ui.LibraryView;
import app.duizhao.testsupport.KaribuSpringTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

class SelectionExportTest extends KaribuSpringTest {

    @Autowired
    ImportService importer;

    @Autowired
    AnnotationService annotations;

    @Autowired
    LibraryService library;

    @Test
    void theLibraryShowsTagsAndExportsAChosenSelection() {
        long a = importer.importText("选择导出一。" + System.nanoTime()).articleId();
        long b = importer.importText("选择导出二。" + System.nanoTime()).articleId();
        annotations.setTags(a, List.of("news", "外交"));

        UI.getCurrent().navigate(LibraryView.class);
        @SuppressWarnings("unchecked")
        Grid<ArticleSummary> grid = _get(Grid.class, spec -> spec.withId("articles"));
        int rowOfA = library.list().stream().map(ArticleSummary::id).toList().indexOf(a);
        assertThat(GridKt._getFormatted(grid, rowOfA, "tags")).isEqualTo("news, 外交");

        SelectionExport selection = _get(SelectionExport.class);
        selection.choose(library.list().stream().filter(s -> s.id() == a || s.id() == b)
                .collect(Collectors.toSet()));

        assertThat(Set.copyOf(selection.chosen())).containsExactlyInAnyOrder(a, b);
        assertThat(_get(Anchor.class, spec -> spec.withId("selection-download")).getHref()).isNotBlank();
    }
}
