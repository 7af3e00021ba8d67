package app.duizhao.reader.ui;

import app.duizhao.annotation.AnnotationService;
import app.duizhao.importing.ImportService;
import app.duizhao.library.LibraryService;
import app.duizhao.testsupport.Fixtures;
import app.duizhao.testsupport.KaribuSpringTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.html.Div;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.BasicUtilsKt._fireDomEvent;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

class ReaderViewTest extends KaribuSpringTest {

    @Autowired
    ImportService importer;

    @Autowired
    LibraryService library;

    @Autowired
    AnnotationService annotations;

    private long articleId;

    @BeforeEach
    void importSeed() {
        articleId = importer.importFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost()).articleId();
    }

    private ReaderView open() {
        UI.getCurrent().navigate(ReaderView.class, articleId);
        return _get(ReaderView.class);
    }

    @Test
    void showsEveryChineseBlockInItsOwnRowInOrder() {
        ReaderView reader = open();

        List<BlockRow> rows = List.copyOf(reader.rows().values());
        assertThat(rows).hasSize(6);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).position()).isEqualTo(i);
            assertThat(rows.get(i).getElement().getAttribute("data-index")).isEqualTo(String.valueOf(i));
        }
        // The Chinese cell holds the block as word spans (study tools); its text is the block's text.
        assertThat(app.duizhao.study.ui.ChineseHtml.plainText(
                rows.getFirst().getElement().getChild(0).getProperty("innerHTML"))).startsWith("中国驻美大使秦刚");
    }

    @Test
    void glossingOfflineFillsEachRowWithItsOwnBlocksGlossAndSaysItIsNotATranslation() {
        ReaderView reader = open();
        assertThat(_find(Paragraph.class, spec -> spec.withId("offline-notice"))).hasSize(1);

        _click(_get(Button.class, spec -> spec.withId("translate")));
        awaitUi(() -> reader.statusText().startsWith("Glossed"), Duration.ofSeconds(60));

        for (BlockRow row : reader.rows().values()) {
            assertThat(row.englishText()).isNotBlank();
        }
        // Row N carries the gloss of block N: the first block mentions the ambassador, so its gloss does.
        assertThat(reader.rows().get(0).englishText()).containsIgnoringCase("ambassador");
        assertThat(reader.summaryText()).isNotBlank();
        assertThat(library.snapshot(articleId).orElseThrow().blocks())
                .allSatisfy(block -> assertThat(block.machineEnglish()).isNotBlank());
    }

    @Test
    void aNoteAndACorrectedEnglishAreSavedFromTheRow() {
        ReaderView reader = open();
        BlockRow row = reader.rows().get(2);

        assertThat(row.englishHtml()).contains("data-row-action=\"note\"", "data-row-action=\"edit\"");
        clickRowButton(reader, 2, "note");
        _get(row, TextArea.class, spec -> spec.withClasses("dz-editor-text")).setValue("两国元首 = the two heads of state");
        _click(_get(row, Button.class, spec -> spec.withText("Save")));
        assertThat(_find(row, TextArea.class)).as("the editor is gone once saved").isEmpty();
        clickRowButton(reader, 2, "edit");
        _get(row, TextArea.class, spec -> spec.withClasses("dz-editor-text")).setValue("My corrected English.");
        _click(_get(row, Button.class, spec -> spec.withText("Save")));

        assertThat(row.noteText()).isEqualTo("两国元首 = the two heads of state");
        assertThat(row.englishText()).isEqualTo("My corrected English.");
        var stored = library.snapshot(articleId).orElseThrow().blocks().get(2);
        assertThat(stored.note()).isEqualTo("两国元首 = the two heads of state");
        assertThat(stored.correctedEnglish()).isEqualTo("My corrected English.");
    }

    /** Clicks a row's button ({@code data-row-action}) through the rows' one click listener. */
    static void clickRowButton(ReaderView reader, int row, String action) {
        ReaderRowActions.click(reader, row, action);
    }

    @Test
    void eachRowKeepsFewServerSideComponentsAndMakesItsEditorOnlyWhenAsked() {
        ReaderView reader = open();
        BlockRow row = reader.rows().get(1);
        // The row, its Chinese cell and its English cell: buttons are HTML, the editor and note come when needed.
        assertThat(row.getChildren().count()).isEqualTo(2);
        assertThat(_find(row, Button.class)).isEmpty();
        clickRowButton(reader, 1, "compare");
        assertThat(row.getElement().getTextRecursively()).contains("No stored translations yet.");
        clickRowButton(reader, 1, "compare");
        assertThat(row.getChildren().count()).isEqualTo(2);
        clickRowButton(reader, 1, "note");
        assertThat(_find(row, TextArea.class)).hasSize(1);
        _click(_get(row, Button.class, spec -> spec.withText("Cancel")));
        assertThat(row.getChildren().count()).isEqualTo(2);
    }

    @Test
    void savingAVersionListsItAndItOpensReadOnly() {
        annotations.setNote(articleId, 0, "note in the version");
        open();

        _get(TextField.class, spec -> spec.withId("version-message")).setValue("first reading");
        _click(_get(Button.class, spec -> spec.withId("save-version")));

        int number = annotations.versions(articleId).getFirst().number();
        assertThat(annotations.versions(articleId).getFirst().message()).isEqualTo("first reading");
        UI.getCurrent().navigate(VersionView.class, VersionView.parameters(articleId, number));
        VersionView version = _get(VersionView.class);
        assertThat(_find(version, BlockRow.class)).allSatisfy(row -> {
            assertThat(row.isEditable()).isFalse();
            assertThat(row.englishHtml()).doesNotContain("data-row-action");
        });
        assertThat(_find(version, BlockRow.class)).hasSize(6)
                .first().satisfies(row -> assertThat(row.noteText()).isEqualTo("note in the version"));
        assertThat(_find(version, Anchor.class, spec -> spec.withId("export-version"))).hasSize(1);
    }

    @Test
    void theReaderOffersAMarkdownExport() {
        open();

        Anchor export = _get(Anchor.class, spec -> spec.withId("export-markdown"));
        assertThat(export.getText()).isEqualTo("Export Markdown");
        assertThat(export.getHref()).isNotBlank();
    }

    @Test
    void anUnknownArticleSaysSo() {
        UI.getCurrent().navigate(ReaderView.class, 999_999L);

        assertThat(_get(ReaderView.class).getElement().getTextRecursively()).contains("There is no article 999999");
    }
}
