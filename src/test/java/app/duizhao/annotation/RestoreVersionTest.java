package app.duizhao.annotation;

import app.duizhao.importing.CleaningAuditService;
import app.duizhao.importing.ImportService;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import app.duizhao.library.LibraryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Restoring a version puts its work back on the paragraphs it was written for, wherever they are now. */
@SpringBootTest
@ActiveProfiles("test")
class RestoreVersionTest {

    private static final String AD = "广告：购买最新款手机，立减五百元";

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

    private SnapshotBlock block(long id, int position) {
        return library.snapshot(id).orElseThrow().blocks().stream().filter(b -> b.position() == position)
                .findFirst().orElseThrow();
    }

    private List<HighlightInfo> highlightsOn(long id, int position) {
        return annotations.highlights(id).stream().filter(h -> h.blockPosition() == position).toList();
    }

    @Test
    void restoringAVersionAfterAParagraphWasRestoredFromTheCleaningAuditPutsItsWorkOnTheSameChineseParagraphs() {
        long id = importer.importText("""
                <p>第一段：北京今天天气晴朗。</p>
                <p>第二段：气温二十度。</p>
                <div class="advertisement">%s</div>
                <p>第三段：市民纷纷外出游玩。</p>
                <p>第四段：交通有些拥堵。</p>
                <p>第五段：公园里人山人海。%d</p>
                """.formatted(AD, System.nanoTime())).articleId();
        // Version 1: a correction and a highlight on paragraph 3 (position 2), a note and a highlight on paragraph 5.
        String third = block(id, 2).text();
        String fifth = block(id, 4).text();
        annotations.correctEnglish(id, 2, "Citizens went out to play.");
        annotations.addHighlight(id, 2, Side.ZH, 4, 6, HighlightColour.GREEN, "citizens");
        annotations.setNote(id, 4, "crowds in the park");
        HighlightInfo park = annotations.addHighlight(id, 4, Side.ZH, 4, 6, HighlightColour.BLUE, "park");
        annotations.saveVersion(id, "one");

        // The advertisement comes back before paragraph 3: paragraphs 3 and 5 are now paragraphs 4 and 6.
        int ad = audit.restore(id, audit.removed(id).stream().filter(r -> r.text().contains("购买最新款手机"))
                .findFirst().orElseThrow().id());
        assertThat(ad).isEqualTo(2);
        assertThat(block(id, 3).text()).isEqualTo(third);
        assertThat(block(id, 5).text()).isEqualTo(fifth);
        // Changes since, left unsaved: on the moved paragraphs, and on the restored one.
        annotations.correctEnglish(id, 3, "A worse English.");
        annotations.setNote(id, 3, "a note added later");
        annotations.setNote(id, 5, "a changed note");
        annotations.deleteHighlight(park.id());
        annotations.addHighlight(id, 3, Side.ZH, 0, 3, HighlightColour.PINK, "added later");
        annotations.correctEnglish(id, 2, "Advertisement: buy the newest phone.");
        annotations.setNote(id, 2, "an ad, really");
        annotations.addHighlight(id, 2, Side.ZH, 0, 2, HighlightColour.YELLOW, "ad");

        RestoreResult result = annotations.restore(id, 1);

        assertThat(result.savedBefore()).as("the unsaved changes were saved first").isEqualTo(2);
        assertThat(result.number()).isEqualTo(3);
        assertThat(result.version().message()).isEqualTo("Restored version 1");
        assertThat(result.leftOut()).isEmpty();
        // Version 1's work is on the same Chinese paragraphs, now at positions 3 and 5 (paragraphs 4 and 6).
        assertThat(block(id, 3).text()).isEqualTo(third);
        assertThat(block(id, 3).correctedEnglish()).isEqualTo("Citizens went out to play.");
        assertThat(block(id, 3).note()).isNull();
        assertThat(highlightsOn(id, 3)).singleElement().satisfies(h -> {
            assertThat(h.note()).isEqualTo("citizens");
            assertThat(h.exact()).isEqualTo("市民");
            assertThat(h.orphaned()).isFalse();
        });
        assertThat(block(id, 5).text()).isEqualTo(fifth);
        assertThat(block(id, 5).note()).isEqualTo("crowds in the park");
        assertThat(highlightsOn(id, 5)).singleElement().satisfies(h -> {
            assertThat(h.note()).isEqualTo("park");
            assertThat(h.exact()).isEqualTo("公园");
            assertThat(h.orphaned()).isFalse();
        });
        // The paragraph 4 of today (paragraph 4 of version 1 too) took nothing from version 1's paragraph 4 position.
        assertThat(block(id, 4).note()).isNull();
        assertThat(block(id, 4).correctedEnglish()).isNull();
        assertThat(highlightsOn(id, 4)).isEmpty();
        // The restored paragraph is untouched: version 1 did not have it.
        assertThat(block(id, 2).text()).isEqualTo(AD);
        assertThat(block(id, 2).correctedEnglish()).isEqualTo("Advertisement: buy the newest phone.");
        assertThat(block(id, 2).note()).isEqualTo("an ad, really");
        assertThat(highlightsOn(id, 2)).singleElement().satisfies(h -> assertThat(h.note()).isEqualTo("ad"));
        // Compared with version 1, only the restored paragraph differs; what the restore replaced is in version 2.
        assertThat(annotations.compare(id, 1, 3).blocks()).singleElement().satisfies(b -> {
            assertThat(b.kind()).isEqualTo(VersionDiff.BlockChange.ADDED);
            assertThat(b.newPosition()).isEqualTo(2);
        });
        ArticleSnapshot before = annotations.version(id, 2).orElseThrow();
        assertThat(before.blocks().get(3).note()).isEqualTo("a note added later");
        assertThat(before.blocks().get(5).note()).isEqualTo("a changed note");
        assertThat(annotations.compare(id, (Integer) 3, null).isEmpty()).isTrue();
    }

    @Test
    void restoringAfterNothingChangedSavesNoExtraVersion() {
        long id = importer.importText("无需另存的段落。%d".formatted(System.nanoTime())).articleId();
        annotations.setNote(id, 0, "one");
        annotations.saveVersion(id, "one");
        annotations.setNote(id, 0, "two");
        annotations.saveVersion(id, "two");

        RestoreResult result = annotations.restore(id, 1);

        assertThat(result.savedBefore()).isNull();
        assertThat(result.number()).isEqualTo(3);
        assertThat(block(id, 0).note()).isEqualTo("one");
    }

    @Test
    void theWorkOnAParagraphOfTheOldVersionThatIsNoLongerInTheArticleIsReportedAndPutNowhereElse() {
        long id = importer.importText("""
                北京第一段：天气晴朗。

                北京第二段：这一段后来不见了。

                北京第三段：公园里人山人海。%d""".formatted(System.nanoTime())).articleId();
        String gone = block(id, 1).text();
        annotations.correctEnglish(id, 1, "Paragraph two, later gone.");
        annotations.setNote(id, 1, "a note on the gone paragraph");
        // "北京" is in every paragraph: the highlight must not be re-created on another one.
        annotations.addHighlight(id, 1, Side.ZH, 0, 2, HighlightColour.GREEN, "Beijing, in the gone paragraph");
        annotations.setNote(id, 2, "a note on the third");
        annotations.saveVersion(id, "one");
        // The second paragraph is removed from the article (no feature does this yet; a re-clean might): the
        // later blocks and their highlights move up one place, as the cleaning audit moves them down.
        removeBlock(id, 1);
        annotations.setNote(id, 1, "the third's note, changed");

        RestoreResult result = annotations.restore(id, 1);

        assertThat(result.leftOut()).singleElement().satisfies(p -> {
            assertThat(p.position()).isEqualTo(1);
            assertThat(p.text()).isEqualTo(gone);
            assertThat(p.correctedEnglish()).isEqualTo("Paragraph two, later gone.");
            assertThat(p.note()).isEqualTo("a note on the gone paragraph");
            assertThat(p.highlights()).singleElement()
                    .satisfies(h -> assertThat(h.note()).isEqualTo("Beijing, in the gone paragraph"));
        });
        assertThat(result.version().message())
                .isEqualTo("Restored version 1; 1 paragraph of it no longer in the article");
        assertThat(result.savedBefore()).isEqualTo(2);
        // The third paragraph got its own note back; nothing of the gone one landed on another paragraph.
        assertThat(block(id, 1).note()).isEqualTo("a note on the third");
        assertThat(block(id, 0).note()).isNull();
        assertThat(block(id, 0).correctedEnglish()).isNull();
        assertThat(block(id, 1).correctedEnglish()).isNull();
        assertThat(annotations.highlights(id)).isEmpty();
        // It all stays in version 1.
        AnnotatedArticle v1 = annotations.annotated(id, 1).orElseThrow();
        assertThat(v1.snapshot().blocks().get(1).note()).isEqualTo("a note on the gone paragraph");
        assertThat(v1.highlights()).singleElement().satisfies(h -> assertThat(h.blockPosition()).isEqualTo(1));
    }

    /**
     * Removes a block (its highlights and edit counts go with it: they refer to the block) and moves the later blocks
     * up one place (positions are unique: in two steps).
     */
    private void removeBlock(long id, int position) {
        jdbc.update("delete from article_block where article_id = ? and position = ?", id, position);
        jdbc.update("update article_block set position = position + 100000 where article_id = ? and position > ?",
                id, position);
        jdbc.update("update article_block set position = position - 100001 where article_id = ? and position >= 100000",
                id);
    }
}
