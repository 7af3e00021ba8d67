package app.duizhao.translation;

import app.duizhao.testsupport.FakeLlmServer;
import app.duizhao.testsupport.FakeReply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BatchingAndRetryAfterTest {

    @Test
    void batchesAreBalancedWithinTheTokenBudgetAndKeepNeighboursInOrder() {
        List<Segment> segments = IntStream.range(0, 22).mapToObj(i -> new Segment(i, "字".repeat(92))).toList();

        List<List<Segment>> batches = LangChainTranslationEngine.batches(segments, 1000);

        assertThat(batches).hasSize(3);
        assertThat(batches).allMatch(b -> b.stream().mapToInt(s -> TokenEstimator.estimate(s.text()) + TokenEstimator.SEGMENT_OVERHEAD).sum() <= 1000);
        assertThat(batches.stream().flatMap(List::stream).map(Segment::id).toList()).isEqualTo(IntStream.range(0, 22).boxed().toList());
        assertThat(batches).extracting(List::size).containsExactly(7, 8, 7);
    }

    @Test
    void tokensAreEstimatedAsOnePerChineseCharacterAndOnePerFourOthers() {
        assertThat(TokenEstimator.estimate("中国人民银行")).isEqualTo(6);
        assertThat(TokenEstimator.estimate("abcdefgh")).isEqualTo(2);
        assertThat(TokenEstimator.estimate("")).isZero();
    }

    @Test
    void retryAfterIsReadInSecondsOrAsAnHttpDate() {
        assertThat(RetryAfterHttpClient.parse("2")).contains(Duration.ofSeconds(2));
        assertThat(RetryAfterHttpClient.parse("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
        assertThat(RetryAfterHttpClient.parse("soon")).isEmpty();
    }

    @Test
    void aRateLimitedCallWaitsAsLongAsRetryAfterAsks() {
        try (FakeLlmServer server = FakeLlmServer.start()) {
            server.enqueue(FakeReply.error(429).retryAfter(1));
            LlmProperties llm = new LlmProperties("openai", server.baseUrl(), "m", null, Duration.ofSeconds(5), 2);
            LangChainTranslationEngine engine = LangChainTranslationEngine.forTest(llm, TranslationProperties.defaults(),
                    Duration.ofMillis(10));
            RecordingSink sink = new RecordingSink();

            long start = System.nanoTime();
            engine.translate(new TranslationRequest(new ArticleContext("t", null, null), List.of(new Segment(1, "你好"))),
                    sink, new Cancellation());
            long waitedMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(sink.completed()).containsKey(1);
            assertThat(server.chatRequests()).hasSize(2);
            // The backoff alone is 10 ms; the server asked for a second.
            assertThat(waitedMs).isGreaterThanOrEqualTo(900);
            assertThat(sink.usages()).hasSize(2);
        }
    }
}
