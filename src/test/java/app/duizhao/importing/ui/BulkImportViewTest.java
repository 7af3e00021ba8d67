package app.duizhao.importing.ui;

import app.duizhao.importing.BulkImportJob;
import app.duizhao.importing.BulkImportService;
import app.duizhao.importing.ImportService;
import app.duizhao.reader.ui.ReaderView;
import app.duizhao.testsupport.KaribuSpringTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = "duizhao.import.folder-roots=${java.io.tmpdir}/duizhao-view-test-root")
class BulkImportViewTest extends KaribuSpringTest {

    @Autowired
    ImportService importer;

    @Test
    @SuppressWarnings("unchecked")
    void aFolderImportShowsProgressAndAReportOfEveryFile() throws Exception {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "duizhao-view-test-root");
        Path folder = Files.createDirectories(root.resolve("run-" + System.nanoTime()));
        Files.writeString(folder.resolve("good.md"), "---\ntitle: 视图测试\n---\n<p>视图测试的正文内容，编号" + System.nanoTime()
                + "。</p>");
        Files.write(folder.resolve("bad.md"), new byte[]{0, 1, 2});

        UI.getCurrent().navigate(BulkImportView.class);
        ComboBox<String> folderBox = _get(ComboBox.class, spec -> spec.withId("bulk-folder"));
        folderBox.setValue(folder.toRealPath().toString());
        _click(_get(Button.class, spec -> spec.withId("bulk-import-folder")));

        Span status = _get(Span.class, spec -> spec.withId("bulk-status"));
        awaitUi(() -> status.getText().startsWith("Finished"), Duration.ofSeconds(30));
        assertThat(status.getText()).contains("1 imported", "1 skipped");
        Grid<BulkImportJob.EntryResult> report = _get(Grid.class, spec -> spec.withId("bulk-report"));
        assertThat(report.getGenericDataView().getItems().map(BulkImportJob.EntryResult::file))
                .containsExactlyInAnyOrder("bad.md", "good.md");
        assertThat(report.getGenericDataView().getItems()
                .filter(r -> r.outcome() == BulkImportJob.Outcome.SKIPPED).findFirst().orElseThrow().reason())
                .contains("binary");
        assertThat(com.github.mvysny.kaributesting.v10.LocatorJ._find(Button.class, spec -> spec.withId("bulk-cancel")))
                .as("Cancel shows only while running").isEmpty();
    }

    @Test
    void theReaderListsWhatTheCleanerRemovedAndRestoresIt() {
        long id = importer.importText("<p>读者视图第一段内容。</p><div class=\"advertisement\">广告：读者视图里的促销文字</div>"
                + "<p>读者视图第二段内容。</p>").articleId();

        UI.getCurrent().navigate(ReaderView.class, id);
        Details panel = _get(Details.class, spec -> spec.withId("removed-panel"));
        assertThat(panel.getSummaryText()).isEqualTo("Removed by the cleaner (1)");
        Button restore = _get(panel, Button.class, spec -> spec.withCaption("Restore"));
        _click(restore);

        Details after = _get(Details.class, spec -> spec.withId("removed-panel"));
        assertThat(after.getSummaryText()).isEqualTo("Removed by the cleaner (0)");
        assertThat(_get(ReaderView.class).getElement().getTextRecursively()).contains("广告：读者视图里的促销文字");
    }

    @Test
    void aTraditionalArticleCanBeShownInSimplified() {
        long id = importer.importText("台灣中央社報導，行政院今天召開會議，討論經濟發展與兩岸關係的問題。").articleId();

        UI.getCurrent().navigate(ReaderView.class, id);
        Button toggle = _get(Button.class, spec -> spec.withId("script-toggle"));
        assertThat(toggle.getText()).isEqualTo("Show in simplified");
        _click(toggle);

        assertThat(_get(com.vaadin.flow.component.html.Div.class, spec -> spec.withId("script-copy")).getElement()
                .getTextRecursively()).contains("台湾中央社报导", "经济发展与两岸关系");
    }
}
