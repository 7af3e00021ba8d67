package app.duizhao.importing;

import app.duizhao.annotation.AnnotationService;
import app.duizhao.annotation.DraftField;
import app.duizhao.annotation.HighlightColour;
import app.duizhao.annotation.HighlightInfo;
import app.duizhao.annotation.Side;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.ArticleSummary;
import app.duizhao.library.LibraryQuery;
import app.duizhao.library.LibraryService;
import app.duizhao.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
@ActiveProfiles("test")
class CleaningAuditServiceTest {

    @Autowired
    ImportService importer;

    @Autowired
    CleaningAuditService audit;

    @Autowired
    LibraryService library;

    @Autowired
    AnnotationService annotations;

    @Test
    void aRemovedPromotionIsRestoredAtItsPlaceAndLaterBlocksMoveDown() {
        long id = importer.importText("""
                <p>第一段：北京今天天气晴朗。</p>
                <p>第二段：市民纷纷外出游玩。</p>
                <div class="advertisement">广告：购买折叠屏手机，立减五百元</div>
                <p>第三段：公园里人山人海。</p>
                """).articleId();
        List<CleaningAuditService.RemovedItem> removed = audit.removed(id);
        CleaningAuditService.RemovedItem ad = removed.stream().filter(r -> r.text().contains("购买折叠屏手机"))
                .findFirst().orElseThrow();
        assertThat(ad.nextBlock()).isEqualTo(2);
        assertThat(ad.restorable()).isTrue();

        int position = audit.restore(id, ad.id());

        assertThat(position).isEqualTo(2);
        ArticleSnapshot article = library.snapshot(id).orElseThrow();
        assertThat(article.blocks()).extracting(ArticleSnapshot.SnapshotBlock::text).containsExactly(
                "第一段：北京今天天气晴朗。", "第二段：市民纷纷外出游玩。", "广告：购买折叠屏手机，立减五百元", "第三段：公园里人山人海。");
        assertThat(article.blocks()).extracting(ArticleSnapshot.SnapshotBlock::position).containsExactly(0, 1, 2, 3);
        assertThat(article.blocks().get(2).machineEnglish()).isNull();
        // The restored text is searchable: the restore's plain SQL reindexes the article when it commits.
        // (A promotion no other test restores: the search must find exactly this article.)
        assertThat(library.search(LibraryQuery.search("折叠屏手机", 10)).rows())
                .extracting(ArticleSummary::id).containsExactly(id);
        assertThat(audit.removed(id)).noneMatch(r -> r.id() == ad.id());
        assertThatThrownBy(() -> audit.restore(id, ad.id())).isInstanceOf(ImportException.class);
    }

    @Test
    void highlightsDraftsAndEditCountsOfLaterBlocksMoveDownWithThem() {
        long id = importer.importText("""
                <p>第一段：北京今天天气晴朗。</p>
                <div class="advertisement">广告：购买最新款手机，立减五百元</div>
                <p>第二段：市民纷纷外出游玩。</p>
                """).articleId();
        annotations.addHighlight(id, 1, Side.ZH, 4, 6, HighlightColour.GREEN, "citizens");
        annotations.addHighlight(id, 0, Side.ZH, 4, 6, HighlightColour.BLUE, "Beijing");
        annotations.setNote(id, 1, "a note");
        annotations.saveDraft(id, 1, DraftField.ENGLISH, "unsaved English");
        CleaningAuditService.RemovedItem ad = audit.removed(id).stream()
                .filter(r -> r.text().contains("购买最新款手机")).findFirst().orElseThrow();

        assertThat(audit.restore(id, ad.id())).isEqualTo(1);

        assertThat(annotations.highlights(id)).noneMatch(HighlightInfo::orphaned)
                .extracting(h -> h.blockPosition() + ":" + h.exact()).containsExactlyInAnyOrder("0:北京", "2:市民");
        assertThat(library.snapshot(id).orElseThrow().blocks().get(2).note()).isEqualTo("a note");
        assertThat(annotations.drafts(id)).singleElement().satisfies(d -> assertThat(d.blockPosition()).isEqualTo(2));
        assertThat(annotations.revisions(id)).containsOnlyKeys(2);
    }

    @Test
    void theSeedPostsRemovedBlocksAreListedWithPlacesInsideTheArticle() {
        ImportResult result = importer.importFile("seed-audit.md", Fixtures.seedPost());
        ArticleSnapshot article = library.snapshot(result.articleId()).orElseThrow();
        List<CleaningAuditService.RemovedItem> removed = audit.removed(result.articleId());

        assertThat(removed).isNotEmpty();
        assertThat(removed).allSatisfy(r -> assertThat(r.nextBlock()).isBetween(0, article.blocks().size()));
        assertThat(removed).filteredOn(r -> r.reason().equals("script")).allMatch(r -> !r.restorable());
    }

    @Test
    void aFragmentOfAnotherArticleCannotBeRestored() {
        long a = importer.importText("<p>甲文章的正文内容。</p><div class=\"advertisement\">甲的广告文字内容</div>").articleId();
        long b = importer.importText("<p>乙文章的正文内容，完全不同。</p>").articleId();
        long adOfA = audit.removed(a).getFirst().id();

        assertThatThrownBy(() -> audit.restore(b, adOfA)).isInstanceOf(ImportException.class);
    }
}
