package app.duizhao.translation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentStreamParserTest {

    private final List<String> events = new ArrayList<>();

    private SegmentStreamParser parser(Set<Integer> expected) {
        return new SegmentStreamParser(expected, new SegmentStreamParser.Listener() {
            @Override
            public void partial(int id, String textSoFar) {
                events.add("partial " + id + " " + textSoFar);
            }

            @Override
            public void completed(int id, String text) {
                events.add("completed " + id + " " + text);
            }
        });
    }

    private static void feedInChunks(SegmentStreamParser parser, String text, int size) {
        for (int i = 0; i < text.length(); i += size) {
            parser.accept(text.substring(i, Math.min(text.length(), i + size)));
        }
    }

    private List<String> completedEvents() {
        return events.stream().filter(e -> e.startsWith("completed")).toList();
    }

    @Test
    void tagsSplitAcrossEveryCharacterStillParse() {
        SegmentStreamParser parser = parser(Set.of(1, 2));
        feedInChunks(parser, "<segment id=\"1\">Hello world</segment>\n<segment id=\"2\">Second one</segment>", 1);
        parser.finish();

        assertThat(completedEvents()).containsExactly("completed 1 Hello world", "completed 2 Second one");
        assertThat(events.indexOf("partial 1 Hello")).isGreaterThanOrEqualTo(0).isLessThan(events.indexOf("completed 1 Hello world"));
        assertThat(events).noneMatch(e -> e.contains("<") || e.contains("&"));
    }

    @Test
    void aPartialTrailingTagFragmentIsNotShown() {
        SegmentStreamParser parser = parser(Set.of(1));
        parser.accept("<segment id=\"1\">Hello</seg");
        parser.accept("ment>");

        assertThat(events).containsExactly("partial 1 Hello", "completed 1 Hello");
    }

    @Test
    void aPartialEntityIsNotShownAndEntitiesAreUnescaped() {
        SegmentStreamParser parser = parser(Set.of(1));
        parser.accept("<segment id=\"1\">A &lt;b&gt; &am");
        parser.accept("p; C</segment>");

        assertThat(events).containsExactly("partial 1 A <b>", "completed 1 A <b> & C");
    }

    @Test
    void chatterBeforeAndAfterTheSegmentsIsIgnored() {
        SegmentStreamParser parser = parser(Set.of(1, 2));
        feedInChunks(parser, "Sure! Here is the translation:\n\n<segment id=\"1\"> One </segment>\nand <segment id=\"2\">Two</segment>\nHope this helps <3", 3);
        parser.finish();

        assertThat(completedEvents()).containsExactly("completed 1 One", "completed 2 Two");
        assertThat(parser.sawAnyTag()).isTrue();
    }

    @Test
    void aSegmentLeftOpenAtTheEndIsCompletedWhenTheStreamFinishes() {
        SegmentStreamParser parser = parser(Set.of(1, 2));
        feedInChunks(parser, "<segment id=\"1\">One</segment><segment id=\"2\">Two and more</segm", 5);
        assertThat(completedEvents()).containsExactly("completed 1 One");

        parser.finish();

        assertThat(completedEvents()).containsExactly("completed 1 One", "completed 2 Two and more");
    }

    @Test
    void anOpeningTagClosesASegmentThatWasNeverClosed() {
        SegmentStreamParser parser = parser(Set.of(1, 2));
        feedInChunks(parser, "<segment id=\"1\">One\n<segment id=\"2\">Two</segment>", 4);

        assertThat(completedEvents()).containsExactly("completed 1 One", "completed 2 Two");
    }

    @Test
    void idsOutOfOrderUnknownIdsAndDuplicatesAreHandled() {
        SegmentStreamParser parser = parser(Set.of(1, 2, 3));
        feedInChunks(parser, "<segment id=\"3\">Three</segment><segment id=\"7\">Seven</segment>"
                + "<segment id=\"1\">One</segment><segment id=\"3\">Three again</segment>", 6);
        parser.finish();

        assertThat(completedEvents()).containsExactly("completed 3 Three", "completed 1 One");
        assertThat(events).noneMatch(e -> e.contains("Seven") || e.contains("again"));
        assertThat(parser.completedIds()).containsExactlyInAnyOrder(1, 3);
        assertThat(parser.isCompleted(2)).isFalse();
    }

    @Test
    void looseTagSpellingsAreAccepted() {
        SegmentStreamParser parser = parser(Set.of(1, 2, 3));
        parser.accept("<segment id='1'>One</segment ><SEGMENT id=2>Two</SEGMENT>< segment  id = \"3\" >Three</ segment>");

        assertThat(completedEvents()).containsExactly("completed 1 One", "completed 2 Two", "completed 3 Three");
    }

    @Test
    void anAnswerWithoutTagsReportsNothingButKeepsTheRawText() {
        SegmentStreamParser parser = parser(Set.of(1));
        feedInChunks(parser, "Here is the translation: Hello <b>world</b>", 3);
        parser.finish();

        assertThat(events).isEmpty();
        assertThat(parser.sawAnyTag()).isFalse();
        assertThat(parser.rawText()).isEqualTo("Here is the translation: Hello <b>world</b>");
    }

    @Test
    void partialsGrowAndAreNotRepeated() {
        SegmentStreamParser parser = parser(Set.of(5));
        feedInChunks(parser, "<segment id=\"5\">abcdef</segment>", 2);

        List<String> partials = events.stream().filter(e -> e.startsWith("partial")).toList();
        assertThat(partials).doesNotHaveDuplicates().allMatch(p -> "partial 5 abcdef".startsWith(p));
        assertThat(partials).isNotEmpty();
        assertThat(events.getLast()).isEqualTo("completed 5 abcdef");
    }

    @Test
    void nothingIsReportedAfterFinish() {
        SegmentStreamParser parser = parser(Set.of(1));
        parser.finish();
        parser.accept("<segment id=\"1\">late</segment>");

        assertThat(events).isEmpty();
    }
}
