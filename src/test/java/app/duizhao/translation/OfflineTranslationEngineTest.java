package app.duizhao.translation;

import app.duizhao.chinese.ChineseFixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineTranslationEngineTest {

    private static final ArticleContext CONTEXT = new ArticleContext("秦刚：中美关系的大球仍需小球推动", "联合早报", "2021-11-24");

    private final OfflineTranslationEngine engine =
            new OfflineTranslationEngine(ChineseFixtures.SEGMENTER, ChineseFixtures.GLOSSER);

    @Test
    void describesItselfAsTheOfflineCcCedictEngine() {
        assertThat(engine.info()).isEqualTo(new EngineInfo("offline", "cc-cedict", OutputKind.OFFLINE));
    }

    @Test
    void glossesEverySegmentOnceInOrder() {
        List<String> paragraphs = ChineseFixtures.seedParagraphs();
        List<Segment> segments = IntStream.range(0, paragraphs.size()).mapToObj(i -> new Segment(i, paragraphs.get(i))).toList();
        RecordingSink sink = new RecordingSink();

        engine.translate(new TranslationRequest(CONTEXT, segments), sink, new Cancellation());

        assertThat(sink.completedIds).containsExactlyElementsOf(segments.stream().map(Segment::id).toList());
        assertThat(sink.completedTexts).allSatisfy(gloss -> assertThat(gloss).contains(" · ", "(", ")"));
        assertThat(sink.failed).isEmpty();
        assertThat(sink.partialIds).isNotEmpty();
    }

    @Test
    void mentionsChinaAndAmbassadorInTheGlossOfTheAmbassadorPhrase() {
        RecordingSink sink = new RecordingSink();
        engine.translate(new TranslationRequest(CONTEXT, List.of(new Segment(7, "中国驻美大使"))), sink, new Cancellation());

        assertThat(sink.completedIds).containsExactly(7);
        String gloss = sink.completedTexts.getFirst();
        System.out.println("Gloss: " + gloss);
        assertThat(gloss).contains("China", "ambassador").startsWith("中国 (Zhōng guó) China · ");
        assertThat(gloss).contains("大使 (dà shǐ) ambassador");
    }

    @Test
    void keepsPunctuationNextToTheWordsItBelongsTo() {
        String gloss = engine.gloss("他说：“好。”");
        System.out.println("Gloss: " + gloss);
        assertThat(gloss).matches("他 \\(tā\\) [^·]+ · 说 \\(shuō\\) [^·]+： · “好 \\(hǎo\\) [^·]+。”");
        assertThat(gloss).contains("：", "“", "。”").doesNotContain(" · ：").doesNotContain("“ · ");
    }

    @Test
    void passesEnglishSegmentsThroughUnchanged() {
        RecordingSink sink = new RecordingSink();
        String english = "Chinese ambassador Qin Gang said the \"ping-pong diplomacy\" still matters (秦刚).";
        engine.translate(new TranslationRequest(CONTEXT, List.of(new Segment(0, english), new Segment(1, "2021-11-24"))),
                sink, new Cancellation());

        assertThat(sink.completedTexts).containsExactly(english, "2021-11-24");
    }

    @Test
    void stopsEarlyWhenCancelled() {
        Cancellation cancellation = new Cancellation();
        RecordingSink sink = new RecordingSink() {
            @Override
            public void completed(int id, String text) {
                super.completed(id, text);
                if (id == 1) {
                    cancellation.cancel();
                }
            }
        };
        List<Segment> segments = IntStream.range(0, 5).mapToObj(i -> new Segment(i, "中美关系很重要。")).toList();

        engine.translate(new TranslationRequest(CONTEXT, segments), sink, cancellation);

        assertThat(sink.completedIds).containsExactly(0, 1);
    }

    @Test
    void writesAnOfflineLabelledSummaryOfThreeSentencesFromTheText() {
        List<String> paragraphs = ChineseFixtures.seedParagraphs();
        String article = String.join("\n", paragraphs);
        List<String> partials = Collections.synchronizedList(new ArrayList<>());
        List<String> completed = Collections.synchronizedList(new ArrayList<>());

        engine.summarize(new SummaryRequest(CONTEXT, paragraphs), new SummarySink() {
            @Override
            public void partial(String textSoFar) {
                partials.add(textSoFar);
            }

            @Override
            public void completed(String text) {
                completed.add(text);
            }
        }, new Cancellation());

        assertThat(completed).hasSize(1);
        String summary = completed.getFirst();
        System.out.println(summary);
        List<String> lines = summary.lines().toList();
        assertThat(lines.getFirst()).isEqualTo("Key sentences (offline, chosen by TextRank; not a translation):");
        assertThat(lines).hasSize(4);
        assertThat(lines.subList(1, 4)).allSatisfy(line -> {
            assertThat(line).startsWith("- ");
            assertThat(article).contains(line.substring(2));
        });
        assertThat(partials).hasSizeGreaterThanOrEqualTo(3).last().isEqualTo(summary);
    }

    @Test
    void stopsTheSummaryWhenCancelled() {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();
        List<String> completed = new ArrayList<>();
        engine.summarize(new SummaryRequest(CONTEXT, ChineseFixtures.seedParagraphs()), new SummarySink() {
            @Override
            public void partial(String textSoFar) {
            }

            @Override
            public void completed(String text) {
                completed.add(text);
            }
        }, cancellation);
        assertThat(completed).isEmpty();
    }

    @Test
    void glossesAThousandCharacterParagraphInAFewMilliseconds() {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 1000) {
            for (String p : ChineseFixtures.seedParagraphs()) {
                sb.append(p);
            }
        }
        String paragraph = sb.substring(0, 1000);
        for (int i = 0; i < 20; i++) {
            engine.gloss(paragraph); // warm up
        }
        int runs = 50;
        long start = System.nanoTime();
        int length = 0;
        for (int i = 0; i < runs; i++) {
            length += engine.gloss(paragraph).length();
        }
        double ms = (System.nanoTime() - start) / 1e6 / runs;
        System.out.printf("Glossing 1,000 characters took %.2f ms on average (%d runs)%n", ms, runs);
        assertThat(length).isPositive();
    }

    static class RecordingSink implements TranslationSink {
        final List<Integer> partialIds = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> completedIds = Collections.synchronizedList(new ArrayList<>());
        final List<String> completedTexts = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> failed = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void partial(int id, String textSoFar) {
            partialIds.add(id);
        }

        @Override
        public void completed(int id, String text) {
            completedIds.add(id);
            completedTexts.add(text);
        }

        @Override
        public void failed(int id, String message) {
            failed.add(id);
        }
    }
}
