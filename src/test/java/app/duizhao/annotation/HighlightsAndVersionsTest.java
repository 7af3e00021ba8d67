package app.duizhao.annotation;

import app.duizhao.importing.CleaningAuditService;
import app.duizhao.importing.ImportService;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.LibraryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
@ActiveProfiles("test")
class HighlightsAndVersionsTest {

    @Autowired
    ImportService importer;

    @Autowired
    LibraryService library;

    @Autowired
    AnnotationService annotations;

    @Autowired
    CleaningAuditService audit;

    private long article(String text) {
        return importer.importText(text).articleId();
    }

    @Test
    void aHighlightOnTheChineseKeepsItsQuoteColourAndNote() {
        long id = article("中国驻美大使秦刚表示，中美关系很重要。\n\n第二段。");

        HighlightInfo added = annotations.addHighlight(id, 0, Side.ZH, 6, 8, HighlightColour.GREEN, "**Qin Gang**");

        assertThat(added.exact()).isEqualTo("秦刚");
        assertThat(annotations.highlights(id)).singleElement().satisfies(h -> {
            assertThat(h.side()).isEqualTo(Side.ZH);
            assertThat(h.start()).isEqualTo(6);
            assertThat(h.colour()).isEqualTo(HighlightColour.GREEN);
            assertThat(h.note()).isEqualTo("**Qin Gang**");
            assertThat(h.orphaned()).isFalse();
        });
    }

    @Test
    void highlightsOnTheEnglishFollowACorrectionAndAreOrphanedWhenTheirQuoteIsGone() {
        long id = article("乒乓外交。");
        annotations.correctEnglish(id, 0, "Ping-pong diplomacy works.");
        HighlightInfo diplomacy = annotations.addHighlight(id, 0, Side.EN, 10, 19, HighlightColour.YELLOW, null);
        HighlightInfo works = annotations.addHighlight(id, 0, Side.EN, 20, 25, HighlightColour.BLUE, "verb");

        annotations.correctEnglish(id, 0, "As ever, ping-pong diplomacy is effective.");

        List<HighlightInfo> now = annotations.highlights(id);
        HighlightInfo moved = now.stream().filter(h -> h.id().equals(diplomacy.id())).findFirst().orElseThrow();
        assertThat(moved.orphaned()).isFalse();
        assertThat("As ever, ping-pong diplomacy is effective.".substring(moved.start(), moved.end()))
                .isEqualTo("diplomacy");
        HighlightInfo orphan = now.stream().filter(h -> h.id().equals(works.id())).findFirst().orElseThrow();
        assertThat(orphan.orphaned()).isTrue();
        assertThat(orphan.exact()).isEqualTo("works");
        assertThat(orphan.note()).isEqualTo("verb");
    }

    @Test
    void aHighlightCanBeRecolouredAnnotatedAndRemoved() {
        long id = article("颜色和注释。");
        HighlightInfo h = annotations.addHighlight(id, 0, Side.ZH, 0, 2, HighlightColour.YELLOW, null);

        annotations.updateHighlight(h.id(), HighlightColour.PINK, "colour");
        assertThat(annotations.highlights(id)).singleElement()
                .satisfies(x -> assertThat(x.colour()).isEqualTo(HighlightColour.PINK))
                .satisfies(x -> assertThat(x.note()).isEqualTo("colour"));

        annotations.deleteHighlight(h.id());
        assertThat(annotations.highlights(id)).isEmpty();
    }

    @Test
    void tagsAreTrimmedDeduplicatedAndSorted() {
        long id = article("标签。");

        List<String> stored = annotations.setTags(id, AnnotationService.parseTags(" #politics, 外交 ,Politics,, usa "));

        assertThat(stored).containsExactly("politics", "usa", "外交");
        assertThat(annotations.tags(id)).containsExactly("politics", "usa", "外交");
        assertThat(annotations.allTags()).containsEntry(id, List.of("politics", "usa", "外交"));
    }

    @Test
    void draftsAreKeptUntilTheEditIsSaved() {
        long id = article("草稿。");

        annotations.saveDraft(id, 0, DraftField.NOTE, "half a tho");
        annotations.saveDraft(id, 0, DraftField.NOTE, "half a thought");
        assertThat(annotations.drafts(id)).singleElement()
                .satisfies(d -> assertThat(d.text()).isEqualTo("half a thought"));

        annotations.setNote(id, 0, "a whole thought");
        assertThat(annotations.drafts(id)).isEmpty();
    }

    @Test
    void twoEditorsOfTheSameParagraphNeverOverwriteEachOtherSilently() {
        long id = article("两个标签页。");
        long opened = annotations.revision(id, 0);

        long afterFirst = annotations.correctEnglish(id, 0, opened, "Tab one's English.");
        assertThat(afterFirst).isGreaterThan(opened);

        assertThatThrownBy(() -> annotations.correctEnglish(id, 0, opened, "Tab two's English."))
                .isInstanceOfSatisfying(EditConflictException.class, conflict -> {
                    assertThat(conflict.theirs()).isEqualTo("Tab one's English.");
                    assertThat(conflict.yours()).isEqualTo("Tab two's English.");
                    assertThat(conflict.getMessage()).contains("Someone else changed paragraph 1");
                });
        assertThat(library.snapshot(id).orElseThrow().blocks().getFirst().english()).isEqualTo("Tab one's English.");
        assertThat(annotations.drafts(id)).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo(DraftField.CONFLICT_ENGLISH);
            assertThat(d.text()).isEqualTo("Tab two's English.");
        });

        annotations.correctEnglish(id, 0, annotations.revision(id, 0), "Tab two's English, on purpose.");
        assertThat(library.snapshot(id).orElseThrow().blocks().getFirst().english())
                .isEqualTo("Tab two's English, on purpose.");
    }

    @Test
    void savingTheSameTextTwiceIsNoConflict() {
        long id = article("同样的注释。");
        long opened = annotations.revision(id, 0);
        annotations.setNote(id, 0, opened, "same");

        annotations.setNote(id, 0, opened, "same");

        assertThat(library.snapshot(id).orElseThrow().blocks().getFirst().note()).isEqualTo("same");
    }

    @Test
    void comparingTwoVersionsListsWhatChangedBlockByBlock() {
        long id = article("第一段。\n\n第二段。\n\n第三段。");
        annotations.correctEnglish(id, 0, "First.");
        HighlightInfo kept = annotations.addHighlight(id, 1, Side.ZH, 0, 2, HighlightColour.YELLOW, null);
        HighlightInfo dropped = annotations.addHighlight(id, 2, Side.ZH, 0, 2, HighlightColour.YELLOW, null);
        annotations.setTags(id, List.of("old"));
        annotations.saveVersion(id, "one");

        annotations.correctEnglish(id, 0, "The first paragraph.");
        annotations.setNote(id, 1, "new note");
        annotations.updateHighlight(kept.id(), HighlightColour.PINK, null);
        annotations.deleteHighlight(dropped.id());
        annotations.addHighlight(id, 2, Side.ZH, 2, 3, HighlightColour.BLUE, "added");
        annotations.setTags(id, List.of("new"));
        annotations.saveVersion(id, "two");

        VersionDiff diff = annotations.compare(id, 1, 2);

        assertThat(diff.blocks()).extracting(VersionDiff.BlockDiff::position).containsExactly(0, 1, 2);
        VersionDiff.BlockDiff first = diff.blocks().get(0);
        assertThat(first.english()).isEqualTo(new VersionDiff.Change("First.", "The first paragraph."));
        assertThat(first.text().changed()).isFalse();
        assertThat(diff.blocks().get(1).note().after()).isEqualTo("new note");
        assertThat(diff.blocks().get(1).changed()).singleElement()
                .satisfies(c -> assertThat(c.after().colour()).isEqualTo(HighlightColour.PINK));
        assertThat(diff.blocks().get(2).removed()).singleElement()
                .satisfies(h -> assertThat(h.exact()).isEqualTo("第三"));
        assertThat(diff.blocks().get(2).added()).singleElement()
                .satisfies(h -> assertThat(h.note()).isEqualTo("added"));
        assertThat(diff.tagsAdded()).containsExactly("new");
        assertThat(diff.tagsRemoved()).containsExactly("old");
    }

    @Test
    void aParagraphRestoredFromTheCleaningAuditBetweenTwoVersionsIsOneAddedParagraphAndNothingElse() {
        long id = importer.importText("""
                <p>第一段：北京今天天气晴朗。</p>
                <div class="advertisement">广告：购买最新款手机，立减五百元</div>
                <p>第二段：市民纷纷外出游玩。</p>
                <p>第三段：公园里人山人海。%d</p>
                """.formatted(System.nanoTime())).articleId(); // unique: the same text would be another test's article
        annotations.correctEnglish(id, 1, "Citizens went out.");
        annotations.setNote(id, 2, "crowds");
        annotations.addHighlight(id, 1, Side.ZH, 4, 6, HighlightColour.GREEN, "citizens");
        annotations.addHighlight(id, 2, Side.ZH, 4, 6, HighlightColour.BLUE, null);
        annotations.saveVersion(id, "before the restore");
        CleaningAuditService.RemovedItem ad = audit.removed(id).stream()
                .filter(r -> r.text().contains("购买最新款手机")).findFirst().orElseThrow();

        int position = audit.restore(id, ad.id());
        annotations.saveVersion(id, "after the restore");

        VersionDiff diff = annotations.compare(id, 1, 2);
        assertThat(diff.tagsAdded()).isEmpty();
        assertThat(diff.tagsRemoved()).isEmpty();
        assertThat(diff.blocks()).singleElement().satisfies(b -> {
            assertThat(b.kind()).isEqualTo(VersionDiff.BlockChange.ADDED);
            assertThat(b.newPosition()).isEqualTo(position).isEqualTo(1);
            assertThat(b.text().after()).isEqualTo("广告：购买最新款手机，立减五百元");
            assertThat(b.added()).isEmpty();
        });
        assertThat(annotations.compare(id, (Integer) 1, null).blocks()).singleElement()
                .satisfies(b -> assertThat(b.kind()).isEqualTo(VersionDiff.BlockChange.ADDED));
        assertThat(annotations.compare(id, 2, 1).blocks()).as("the other way round").singleElement()
                .satisfies(b -> {
                    assertThat(b.kind()).isEqualTo(VersionDiff.BlockChange.REMOVED);
                    assertThat(b.oldPosition()).isEqualTo(1);
                });

        // A change made after the restore to a paragraph that moved is compared with its own old state.
        annotations.setNote(id, 3, "big crowds");
        VersionDiff later = annotations.compare(id, (Integer) 1, null);
        assertThat(later.blocks()).extracting(VersionDiff.BlockDiff::kind)
                .containsExactly(VersionDiff.BlockChange.ADDED, VersionDiff.BlockChange.CHANGED);
        assertThat(later.blocks().get(1).note()).isEqualTo(new VersionDiff.Change("crowds", "big crowds"));
        assertThat(later.blocks().get(1).oldPosition()).isEqualTo(2);
    }

    @Test
    void restoringAnOldVersionMakesItCurrentAsANewVersion() {
        long id = article("恢复的第一段。");
        annotations.setNote(id, 0, "original note");
        annotations.addHighlight(id, 0, Side.ZH, 0, 2, HighlightColour.GREEN, "kept");
        annotations.saveVersion(id, "good");
        annotations.setNote(id, 0, "a mistake");
        annotations.deleteHighlight(annotations.highlights(id).getFirst().id());
        annotations.saveVersion(id, "bad");

        VersionInfo restored = annotations.restore(id, 1).version();

        assertThat(restored.number()).isEqualTo(3);
        assertThat(restored.message()).isEqualTo("Restored version 1");
        ArticleSnapshot current = library.snapshot(id).orElseThrow();
        assertThat(current.blocks().getFirst().note()).isEqualTo("original note");
        assertThat(annotations.highlights(id)).singleElement().satisfies(h -> assertThat(h.note()).isEqualTo("kept"));
        assertThat(annotations.version(id, 2).orElseThrow().blocks().getFirst().note()).isEqualTo("a mistake");
    }

    @Test
    void restoringAVersionBringsBackTheSameHighlightsSoComparingShowsNoChange() {
        long id = article("恢复后的高亮：外交与体育。");
        HighlightInfo recoloured = annotations.addHighlight(id, 0, Side.ZH, 7, 9, HighlightColour.GREEN, "diplomacy");
        HighlightInfo deleted = annotations.addHighlight(id, 0, Side.ZH, 10, 12, HighlightColour.BLUE, "sport");
        annotations.saveVersion(id, "good");
        annotations.updateHighlight(recoloured.id(), HighlightColour.PINK, "changed");
        annotations.deleteHighlight(deleted.id());
        annotations.addHighlight(id, 0, Side.ZH, 0, 2, HighlightColour.YELLOW, "added later");
        annotations.saveVersion(id, "bad");

        annotations.restore(id, 1);

        assertThat(annotations.highlights(id)).extracting(HighlightInfo::note).containsExactly("diplomacy", "sport");
        assertThat(annotations.highlights(id)).extracting(HighlightInfo::id).contains(recoloured.id());
        assertThat(annotations.compare(id, 1, 3).isEmpty()).as("version 1 and its restore are the same").isTrue();
        assertThat(annotations.compare(id, (Integer) 3, null).isEmpty()).isTrue();
        VersionDiff undo = annotations.compare(id, 2, 3);
        assertThat(undo.blocks()).singleElement().satisfies(b -> {
            assertThat(b.changed()).singleElement().satisfies(c -> assertThat(c.after().note()).isEqualTo("diplomacy"));
            assertThat(b.added()).extracting(HighlightInfo::note).containsExactly("sport");
            assertThat(b.removed()).extracting(HighlightInfo::note).containsExactly("added later");
        });
    }

    @Test
    void aHighlightEditedInTwoTabsKeepsBothChangesOrReportsTheClash() {
        long id = article("两个标签页里的高亮。");
        HighlightInfo opened = annotations.addHighlight(id, 0, Side.ZH, 0, 2, HighlightColour.YELLOW, "note");

        // One tab recolours, the other edits the note: different things, both kept.
        annotations.updateHighlight(opened, HighlightColour.GREEN, "note");
        annotations.updateHighlight(opened, null, "a better note");
        assertThat(annotations.highlights(id)).singleElement().satisfies(h -> {
            assertThat(h.colour()).isEqualTo(HighlightColour.GREEN);
            assertThat(h.note()).isEqualTo("a better note");
        });

        // Both edit the note: the second is told, and nothing is overwritten.
        assertThatThrownBy(() -> annotations.updateHighlight(opened, null, "my own note"))
                .isInstanceOfSatisfying(HighlightConflictException.class, conflict -> {
                    assertThat(conflict.current().note()).isEqualTo("a better note");
                    assertThat(conflict.current().colour()).isEqualTo(HighlightColour.GREEN);
                    assertThat(conflict.yours()).isEqualTo("my own note");
                    assertThat(conflict.getMessage()).contains("Someone else changed this highlight");
                });
        assertThat(annotations.highlights(id)).singleElement()
                .satisfies(h -> assertThat(h.note()).isEqualTo("a better note"));
        // Saving the very text already stored is no clash; editing from the current state saves.
        annotations.updateHighlight(opened, null, "a better note");
        HighlightInfo now = annotations.updateHighlight(annotations.highlights(id).getFirst(), null,
                "mine, on purpose");
        assertThat(now.note()).isEqualTo("mine, on purpose");

        annotations.deleteHighlight(opened.id());
        assertThatThrownBy(() -> annotations.updateHighlight(now, HighlightColour.BLUE, "gone"))
                .isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void aHighlightNoteThatLosesAConflictIsKeptAsADraftUntilUsedOrDiscarded() {
        long id = article("两个标签页里的高亮笔记。");
        HighlightInfo first = annotations.addHighlight(id, 0, Side.ZH, 0, 2, HighlightColour.YELLOW, "note");
        HighlightInfo second = annotations.addHighlight(id, 0, Side.ZH, 5, 7, HighlightColour.GREEN, null);
        annotations.updateHighlight(first, null, "their note");
        annotations.updateHighlight(second, HighlightColour.PINK, null);

        assertThatThrownBy(() -> annotations.updateHighlight(first, HighlightColour.BLUE, "my note"))
                .isInstanceOf(HighlightConflictException.class);
        assertThatThrownBy(() -> annotations.updateHighlight(second, HighlightColour.BLUE, "mine too"))
                .isInstanceOf(HighlightConflictException.class);
        // A second conflict on the same highlight replaces what was kept for it.
        assertThatThrownBy(() -> annotations.updateHighlight(first, HighlightColour.BLUE, "my better note"))
                .isInstanceOf(HighlightConflictException.class);

        assertThat(annotations.drafts(id)).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo(DraftField.HIGHLIGHT_CONFLICT);
            assertThat(d.blockPosition()).isZero();
        });
        assertThat(annotations.highlightDrafts(id)).hasSize(2).anySatisfy(d -> {
            assertThat(d.highlightId()).isEqualTo(first.id());
            assertThat(d.exact()).isEqualTo("两个");
            assertThat(d.side()).isEqualTo(Side.ZH);
            assertThat(d.colour()).isEqualTo(HighlightColour.BLUE);
            assertThat(d.note()).isEqualTo("my better note");
            assertThat(d.current().note()).as("theirs, as stored now").isEqualTo("their note");
        }).anySatisfy(d -> {
            assertThat(d.highlightId()).isEqualTo(second.id());
            assertThat(d.note()).isEqualTo("mine too");
            assertThat(d.current().colour()).isEqualTo(HighlightColour.PINK);
        });
        assertThat(annotations.highlights(id)).extracting(HighlightInfo::note).containsExactly("their note", null);

        // The highlight removed meanwhile: the note is still kept, for no highlight.
        annotations.deleteHighlight(second.id());
        assertThat(annotations.highlightDrafts(id)).filteredOn(d -> d.highlightId() == second.id()).singleElement()
                .satisfies(d -> assertThat(d.current()).isNull());

        annotations.discardHighlightDraft(id, 0, second.id());
        assertThat(annotations.highlightDrafts(id)).singleElement()
                .satisfies(d -> assertThat(d.note()).isEqualTo("my better note"));
        annotations.discardHighlightDraft(id, 0, first.id());
        assertThat(annotations.highlightDrafts(id)).isEmpty();
        assertThat(annotations.drafts(id)).isEmpty();
    }

    @Test
    void aSavedVersionKeepsItsHighlightsAndTags() {
        long id = article("版本里的高亮。");
        annotations.addHighlight(id, 0, Side.ZH, 0, 2, HighlightColour.PURPLE, "in v1");
        annotations.setTags(id, List.of("t1"));
        annotations.saveVersion(id, null);
        annotations.deleteHighlight(annotations.highlights(id).getFirst().id());

        AnnotatedArticle v1 = annotations.annotated(id, 1).orElseThrow();

        assertThat(v1.highlights()).singleElement().satisfies(h -> {
            assertThat(h.exact()).isEqualTo("版本");
            assertThat(h.colour()).isEqualTo(HighlightColour.PURPLE);
        });
        assertThat(v1.userTags()).containsExactly("t1");
    }
}
