package app.duizhao.annotation;

import app.duizhao.importing.ImportService;
import app.duizhao.library.LibraryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two tabs (or two people) saving the same thing at the same instant: two threads released together by a barrier
 * call the service many times over. Every time, one save lands and the other ends in the keep-both conflict, never
 * in a database exception and never in a silent overwrite.
 */
@SpringBootTest
@ActiveProfiles("test")
class ConcurrentEditsTest {

    /** Rounds per test: enough for the two threads to meet inside the database many times (see lostRaces). */
    int rounds() {
        return 80;
    }

    /** Blocks of the test article; the first rounds each save one of them for the first time. */
    int blocks() {
        return 30;
    }

    static ExecutorService threads;

    @Autowired
    ImportService importer;

    @Autowired
    LibraryService library;

    @Autowired
    AnnotationService annotations;

    @BeforeAll
    static void start() {
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        threads.shutdownNow();
    }

    private long article() {
        String text = IntStream.range(0, blocks()).mapToObj(i -> "并发测试的第" + i + "段。")
                .collect(Collectors.joining("\n\n")) + System.nanoTime() + "。";
        return importer.importText(text).articleId();
    }

    /** Runs both at the same instant; each outcome is the value or the exception thrown. */
    private static List<Object> together(Callable<?> a, Callable<?> b) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Object>> futures = new ArrayList<>();
        for (Callable<?> work : List.of(a, b)) {
            futures.add(threads.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                try {
                    return work.call();
                } catch (Exception e) {
                    return e;
                }
            }));
        }
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> future : futures) {
            outcomes.add(future.get(60, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    @Test
    void twoCorrectionsOfTheSameParagraphAtTheSameInstantEndInOneSaveAndOneConflict() throws Exception {
        long racesBefore = annotations.lostRaces();
        long id = article();
        for (int round = 0; round < rounds(); round++) {
            // The first rounds each save a block for the first time (its revision row is created by both);
            // the rest save the same block again and again (its revision row is updated by both).
            int position = round < blocks() ? round : 0;
            long opened = annotations.revision(id, position);
            String mine = "Tab A, round " + round;
            String theirs = "Tab B, round " + round;

            List<Object> outcomes = together(() -> annotations.correctEnglish(id, position, opened, mine),
                    () -> annotations.correctEnglish(id, position, opened, theirs));

            assertOneSavedAndOneConflict(outcomes, List.of(mine, theirs), opened, DraftField.CONFLICT_ENGLISH,
                    library.snapshot(id).orElseThrow().blocks().get(position).correctedEnglish(), id, position);
        }
        long lost = annotations.lostRaces() - racesBefore;
        System.out.println("concurrent corrections: " + rounds() + " rounds, lost races run again: " + lost);
        assertThat(lost).as("the two saves really met in the database").isPositive();
    }

    @Test
    void twoNotesOnTheSameParagraphAtTheSameInstantEndInOneSaveAndOneConflict() throws Exception {
        long id = article();
        for (int round = 0; round < rounds(); round++) {
            int position = round < blocks() ? round : 1;
            long opened = annotations.revision(id, position);
            String mine = "Note A " + round;
            String theirs = "Note B " + round;

            List<Object> outcomes = together(() -> annotations.setNote(id, position, opened, mine),
                    () -> annotations.setNote(id, position, opened, theirs));

            assertOneSavedAndOneConflict(outcomes, List.of(mine, theirs), opened, DraftField.CONFLICT_NOTE,
                    library.snapshot(id).orElseThrow().blocks().get(position).note(), id, position);
        }
    }

    private void assertOneSavedAndOneConflict(List<Object> outcomes, List<String> texts, long opened,
                                              DraftField kept, String stored, long id, int position) {
        assertThat(outcomes).as("no raw exception").allSatisfy(o -> assertThat(o)
                .isInstanceOfAny(Long.class, EditConflictException.class));
        assertThat(outcomes).filteredOn(Long.class::isInstance).as("exactly one save lands").hasSize(1);
        int winner = outcomes.get(0) instanceof Long ? 0 : 1;
        EditConflictException conflict = (EditConflictException) outcomes.get(1 - winner);
        assertThat(outcomes.get(winner)).isEqualTo(opened + 1);
        assertThat(stored).as("the stored text is the one that landed; outcomes %s, revision now %d, drafts %s",
                outcomes, annotations.revision(id, position), annotations.drafts(id).stream()
                        .filter(d -> d.blockPosition() == position).toList()).isEqualTo(texts.get(winner));
        assertThat(conflict.theirs()).isEqualTo(texts.get(winner));
        assertThat(conflict.yours()).isEqualTo(texts.get(1 - winner));
        assertThat(conflict.currentRevision()).isEqualTo(opened + 1);
        assertThat(annotations.drafts(id)).as("the losing text is kept")
                .anySatisfy(d -> {
                    assertThat(d.blockPosition()).isEqualTo(position);
                    assertThat(d.field()).isEqualTo(kept);
                    assertThat(d.text()).isEqualTo(texts.get(1 - winner));
                });
    }

    @Test
    void twoEditsOfTheSameHighlightNoteAtTheSameInstantEndInOneSaveAndOneConflict() throws Exception {
        long id = article();
        for (int round = 0; round < rounds() / 2; round++) {
            HighlightInfo opened = annotations.addHighlight(id, round % blocks(), Side.ZH, 0, 2,
                    HighlightColour.YELLOW, round % 2 == 0 ? null : "first note");
            String mine = "highlight note A " + round;
            String theirs = "highlight note B " + round;

            List<Object> outcomes = together(() -> annotations.updateHighlight(opened, null, mine),
                    () -> annotations.updateHighlight(opened, HighlightColour.PINK, theirs));

            assertThat(outcomes).allSatisfy(o -> assertThat(o)
                    .isInstanceOfAny(HighlightInfo.class, HighlightConflictException.class));
            assertThat(outcomes).filteredOn(HighlightInfo.class::isInstance).hasSize(1);
            int winner = outcomes.get(0) instanceof HighlightInfo ? 0 : 1;
            HighlightConflictException conflict = (HighlightConflictException) outcomes.get(1 - winner);
            HighlightInfo stored = annotations.highlights(id).stream().filter(h -> h.id().equals(opened.id()))
                    .findFirst().orElseThrow();
            assertThat(stored.note()).isEqualTo(List.of(mine, theirs).get(winner));
            assertThat(conflict.current().note()).isEqualTo(stored.note());
            assertThat(conflict.yours()).isEqualTo(List.of(mine, theirs).get(1 - winner));
            // A conflict saves nothing of the losing edit: tab B's colour lands only with its note.
            assertThat(stored.colour()).isEqualTo(winner == 1 ? HighlightColour.PINK : HighlightColour.YELLOW);
        }
    }

    @Test
    void aColourAndANoteChangedAtTheSameInstantAreBothKept() throws Exception {
        long id = article();
        for (int round = 0; round < rounds() / 2; round++) {
            HighlightInfo opened = annotations.addHighlight(id, round % blocks(), Side.ZH, 1, 3,
                    HighlightColour.YELLOW, "old note");
            String note = "new note " + round;

            List<Object> outcomes = together(() -> annotations.updateHighlight(opened, HighlightColour.BLUE,
                    "old note"), () -> annotations.updateHighlight(opened, null, note));

            assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(HighlightInfo.class));
            HighlightInfo stored = annotations.highlights(id).stream().filter(h -> h.id().equals(opened.id()))
                    .findFirst().orElseThrow();
            assertThat(stored.colour()).isEqualTo(HighlightColour.BLUE);
            assertThat(stored.note()).isEqualTo(note);
        }
    }

    @Test
    void versionsDraftsTagsAndRemovalsSavedAtTheSameInstantNeverFail() throws Exception {
        long id = article();
        for (int round = 0; round < rounds() / 4; round++) {
            int position = round % blocks();
            String a = "draft A " + round;
            String b = "draft B " + round;
            List<Object> drafts = together(() -> {
                annotations.saveDraft(id, position, DraftField.NOTE, a);
                return a;
            }, () -> {
                annotations.saveDraft(id, position, DraftField.NOTE, b);
                return b;
            });
            assertThat(drafts).containsExactly(a, b);
            assertThat(annotations.drafts(id)).filteredOn(d -> d.blockPosition() == position)
                    .singleElement().satisfies(d -> assertThat(d.text()).isIn(a, b));

            String r = "r" + round;
            List<Object> versions = together(() -> annotations.saveVersion(id, "A" + r),
                    () -> annotations.saveVersion(id, "B" + r));
            assertThat(versions).allSatisfy(v -> assertThat(v).isInstanceOf(VersionInfo.class));
            assertThat(versions).extracting(v -> ((VersionInfo) v).number()).doesNotHaveDuplicates();

            List<Object> tags = together(() -> annotations.setTags(id, List.of("a", r)),
                    () -> annotations.setTags(id, List.of("b", r)));
            assertThat(tags).allSatisfy(t -> assertThat(t).isInstanceOf(List.class));
            assertThat(annotations.tags(id)).isIn(List.of("a", r), List.of("b", r));

            HighlightInfo h = annotations.addHighlight(id, position, Side.ZH, 0, 1, HighlightColour.GREEN, null);
            List<Object> removals = together(() -> {
                annotations.deleteHighlight(h.id());
                return true;
            }, () -> {
                annotations.deleteHighlight(h.id());
                return true;
            });
            assertThat(removals).containsExactly(true, true);
        }
        assertThat(annotations.versions(id)).hasSize(rounds() / 4 * 2);
        assertThat(annotations.highlights(id)).isEmpty();
    }
}
