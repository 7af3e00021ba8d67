package app.duizhao.reader.ui;

import app.duizhao.annotation.AnnotationService;
import app.duizhao.annotation.HighlightColour;
import app.duizhao.annotation.Side;
import app.duizhao.annotation.VersionDiff;
import app.duizhao.importing.CleaningAuditService;
import app.duizhao.importing.ImportService;
import app.duizhao.library.LibraryService;
import app.duizhao.testsupport.KaribuSpringTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** The history page of an article: comparing versions, and restoring one. */
class HistoryViewTest extends KaribuSpringTest {

    @Autowired
    ImportService importer;

    @Autowired
    LibraryService library;

    @Autowired
    AnnotationService annotations;

    @Autowired
    CleaningAuditService audit;

    @Autowired
    JdbcTemplate jdbc;

    private long id;

    @BeforeEach
    void article() {
        id = importer.importText("界面测试的第一段。\n\n界面测试的第二段。" + System.nanoTime()).articleId();
    }

    @Test
    void theHistoryPageComparesTwoVersionsAndRestoresOne() {
        annotations.setNote(id, 0, "note in v1");
        annotations.saveVersion(id, "one");
        annotations.setNote(id, 0, "note in v2");
        annotations.addHighlight(id, 1, Side.ZH, 0, 2, HighlightColour.GREEN, null);
        annotations.saveVersion(id, "two");

        UI.getCurrent().navigate(HistoryView.class, HistoryView.parameters(id));
        HistoryView history = _get(HistoryView.class);
        assertThat(_get(Div.class, spec -> spec.withId("history-versions")).getElement().getTextRecursively())
                .contains("Version 2", "two", "Version 1", "one");
        _click(_get(Button.class, spec -> spec.withId("compare")));

        assertThat(history.diffText()).contains("Version 1 → version 2", "Paragraph 1", "note in v1", "note in v2",
                "Paragraph 2", "Highlight added: “界面”");

        history.restore(1);
        assertThat(annotations.versions(id)).first().satisfies(v -> assertThat(v.message())
                .isEqualTo("Restored version 1"));
        assertThat(library.snapshot(id).orElseThrow().blocks().getFirst().note()).isEqualTo("note in v1");
        assertThat(annotations.highlights(id)).isEmpty();
    }

    @Test
    void afterARestoreTheHistoryPageSaysWhatWasSavedFirstAndWhatCouldNotBePutBack() {
        annotations.setNote(id, 0, "note on the first");
        annotations.addHighlight(id, 0, Side.ZH, 0, 2, HighlightColour.GREEN, "mark");
        annotations.setNote(id, 1, "note on the second");
        annotations.saveVersion(id, "one");
        // The first paragraph is removed from the article (simulated: no feature removes one yet).
        jdbc.update("delete from article_block where article_id = ? and position = 0", id);
        // (Its highlight goes with it: highlights refer to their block.)
        jdbc.update("update article_block set position = 0 where article_id = ? and position = 1", id);
        annotations.setNote(id, 0, "unsaved change");

        UI.getCurrent().navigate(HistoryView.class, HistoryView.parameters(id));
        HistoryView history = _get(HistoryView.class);
        assertThat(history.restoreReportText()).isEmpty();
        history.restore(1);

        assertThat(history.restoreReportText()).contains("Version 1 restored as version 3.",
                "Your unsaved changes were saved first as version 2.",
                "One paragraph of version 1 is no longer in the article", "It stays in version 1",
                "Paragraph 1 of version 1", "Chinese: 界面测试的第一段。", "Note: note on the first",
                "Highlight: “界面” (Chinese, green, note: mark)");
        assertThat(_find(Div.class, spec -> spec.withClasses("dz-left-out"))).hasSize(1);
        assertThat(_get(Div.class, spec -> spec.withId("history-versions")).getElement().getTextRecursively())
                .contains("Restored version 1; 1 paragraph of it no longer in the article",
                        "Before restoring version 1");
        assertThat(library.snapshot(id).orElseThrow().blocks().getFirst().note()).isEqualTo("note on the second");
    }

    @Test
    void aVersionIsComparedWithTheCurrentWorkingState() {
        annotations.setNote(id, 0, "note in v1");
        var kept = annotations.addHighlight(id, 0, Side.ZH, 0, 2, HighlightColour.GREEN, "kept");
        annotations.saveVersion(id, "one");
        // Unsaved work since version 1.
        annotations.setNote(id, 0, "note now");
        annotations.updateHighlight(kept.id(), HighlightColour.PINK, "recoloured");
        annotations.addHighlight(id, 1, Side.ZH, 2, 4, HighlightColour.BLUE, null);

        UI.getCurrent().navigate(HistoryView.class, HistoryView.parameters(id));
        HistoryView history = _get(HistoryView.class);
        @SuppressWarnings("unchecked")
        Select<Integer> to = _get(Select.class, spec -> spec.withId("compare-to"));
        assertThat(to.getItemLabelGenerator().apply(to.getValue())).isEqualTo("Current working state");
        _click(_get(Button.class, spec -> spec.withId("compare")));

        assertThat(history.diffText()).contains("Version 1 → current working state", "note in v1", "note now",
                "Highlight changed: “界面” (Chinese, green, note: kept) → "
                        + "“界面” (Chinese, pink, note: recoloured)",
                "Paragraph 2", "Highlight added: “测试”");
    }

    @Test
    void theHistoryShowsAParagraphRestoredBetweenTwoVersionsAsAddedAndNothingElse() {
        long restored = importer.importText("""
                <p>历史页第一段：北京今天天气晴朗。</p>
                <div class="advertisement">广告：购买最新款手机，立减五百元</div>
                <p>历史页第二段：市民纷纷外出游玩。</p>
                <p>历史页第三段：公园里人山人海。%d</p>
                """.formatted(System.nanoTime())).articleId();
        annotations.setNote(restored, 1, "note on the second");
        annotations.addHighlight(restored, 2, Side.ZH, 0, 3, HighlightColour.GREEN, "on the third");
        annotations.saveVersion(restored, "before");
        audit.restore(restored, audit.removed(restored).stream().filter(r -> r.text().contains("购买最新款手机"))
                .findFirst().orElseThrow().id());
        annotations.saveVersion(restored, "after");

        UI.getCurrent().navigate(HistoryView.class, HistoryView.parameters(restored));
        HistoryView history = _get(HistoryView.class);
        _click(_get(Button.class, spec -> spec.withId("compare")));

        assertThat(history.diffText()).contains("Version 1 → version 2", "Paragraph 2 added",
                "Chinese: 广告：购买最新款手机，立减五百元").doesNotContain("Paragraph 3", "Paragraph 4", "Highlight",
                "note on the second", "removed");
        assertThat(_find(Div.class, spec -> spec.withClasses("dz-diff-block"))).singleElement()
                .satisfies(d -> assertThat(d.getClassNames()).contains("dz-diff-block-added"));

        history.choose(2, 1);
        _click(_get(Button.class, spec -> spec.withId("compare")));
        assertThat(history.diffText()).as("older first whatever the order chosen").contains("Paragraph 2 added");
    }

    @Test
    void anyTwoVersionsCanBeComparedInEitherOrder() {
        annotations.setNote(id, 0, "first");
        annotations.saveVersion(id, "one");
        annotations.setNote(id, 0, "second");
        annotations.saveVersion(id, "two");
        annotations.setNote(id, 0, "third");
        annotations.saveVersion(id, "three");

        UI.getCurrent().navigate(HistoryView.class, HistoryView.parameters(id));
        HistoryView history = _get(HistoryView.class);
        history.choose(3, 1);
        _click(_get(Button.class, spec -> spec.withId("compare")));
        assertThat(history.diffText()).contains("Version 1 → version 3", "first", "third").doesNotContain("second");

        history.choose(VersionDiff.CURRENT, 2);
        _click(_get(Button.class, spec -> spec.withId("compare")));
        assertThat(history.diffText()).contains("Version 2 → current working state", "second", "third");

        history.choose(2, 2);
        _click(_get(Button.class, spec -> spec.withId("compare")));
        assertThat(history.diffText()).contains("No differences.");
    }
}
