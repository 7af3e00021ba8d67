package app.duizhao.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How the {@link FakeLlmServer} answers one chat call: the answer text (computed from the {@link ChatCall}), or an
 * HTTP error, plus misbehaviour such as a delay before the headers or a connection cut mid-stream.
 * Immutable: the {@code with…}-style modifiers return a copy.
 *
 * <pre>{@code
 * server.enqueue(FakeReply.error(500));                        // the next call fails with 500, then normal answers
 * server.enqueue(2, FakeReply.error(429).retryAfter(1));       // the next two calls are rate-limited
 * server.enqueue(FakeReply.translation().truncateAfterSegments(1));
 * server.defaultReply(FakeReply.dropSegment(3));               // every call (once the queue is empty)
 * server.defaultReply(FakeReply.custom(call -> "<segment id=\"1\">Hi</segment>"));
 * }</pre>
 */
public final class FakeReply {

    private final Function<ChatCall, String> responder;
    private final int status;
    private final Integer retryAfterSeconds;
    private final Duration headerDelay;
    private final Duration chunkDelay;
    private final Integer truncateAfterChars;
    private final Integer truncateAfterSegments;
    private String finishReason = "stop";

    private FakeReply(Function<ChatCall, String> responder, int status, Integer retryAfterSeconds, Duration headerDelay,
                      Duration chunkDelay, Integer truncateAfterChars, Integer truncateAfterSegments) {
        this.responder = responder;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
        this.headerDelay = headerDelay;
        this.chunkDelay = chunkDelay;
        this.truncateAfterChars = truncateAfterChars;
        this.truncateAfterSegments = truncateAfterSegments;
    }

    // ---------------------------------------------------------------- answers

    /** The default: a deterministic translation of every segment ({@link #translationOf}), or a summary. */
    public static FakeReply translation() {
        return custom(FakeReply::defaultAnswer);
    }

    /** Answers with {@code responder(call)} as the assistant's text. */
    public static FakeReply custom(Function<ChatCall, String> responder) {
        return new FakeReply(responder, 200, null, Duration.ZERO, null, null, null);
    }

    /** Answers with this fixed text. */
    public static FakeReply text(String answer) {
        return custom(call -> answer);
    }

    /** Translates every segment but leaves out segment {@code id}. */
    public static FakeReply dropSegment(int id) {
        return custom(call -> segmentsAnswer(call, (segId, text) -> segId == id ? null : translationOf(segId, text)));
    }

    /** Puts the translation of segment {@code second} into segment {@code first}, and leaves {@code second} out. */
    public static FakeReply mergeSegments(int first, int second) {
        return custom(call -> {
            Map<Integer, String> segments = call.segments();
            return segmentsAnswer(call, (id, text) -> {
                if (id == second && segments.containsKey(first)) {
                    return null;
                }
                if (id == first && segments.containsKey(second)) {
                    return translationOf(id, text) + " " + translationOf(second, segments.get(second));
                }
                return translationOf(id, text);
            });
        });
    }

    /** The normal answer wrapped in chatter: "Sure! Here is the translation:" before, a remark after. */
    public static FakeReply chattyPreamble() {
        return custom(call -> "Sure! Here is the translation:\n\n" + defaultAnswer(call)
                + "\n\nLet me know if you would like any changes.");
    }

    /** "Here is the translation:" and then the translations as plain lines, without any segment tags. */
    public static FakeReply withoutTags() {
        return custom(call -> "Here is the translation:\n" + call.segments().entrySet().stream()
                .map(e -> translationOf(e.getKey(), e.getValue()))
                .collect(Collectors.joining("\n")));
    }

    /** Answers with an HTTP error status (with a JSON error body like the real API's). */
    public static FakeReply error(int status) {
        return new FakeReply(null, status, null, Duration.ZERO, null, null, null);
    }

    /** The normal answer, but only after {@code delay} before the response headers (use to exceed a client timeout). */
    public static FakeReply slow(Duration delay) {
        return translation().delayHeaders(delay);
    }

    /** Answers segment {@code id} with its own source text copied back (small models do this). */
    public static FakeReply copyBack(int id) {
        return custom(call -> segmentsAnswer(call, (segId, text) -> segId == id ? text : translationOf(segId, text)));
    }

    /** Answers segment {@code id} with an apology instead of a translation. */
    public static FakeReply apologize(int id) {
        return custom(call -> segmentsAnswer(call, (segId, text) -> segId == id
                ? "I'm sorry, but I can't help with translating this content." : translationOf(segId, text)));
    }

    /**
     * OpenAI / Azure OpenAI: the content filter stops the answer after {@code segments} segments, with
     * {@code finish_reason: "content_filter"}.
     */
    public static FakeReply contentFilterAfterSegments(int segments) {
        return custom(call -> {
            String all = defaultAnswer(call);
            int at = 0;
            for (int i = 0; i < segments && at >= 0; i++) {
                at = all.indexOf("</segment>", at);
                at = at < 0 ? -1 : at + "</segment>".length();
            }
            return at < 0 ? all : all.substring(0, at);
        }).finishWith("content_filter");
    }

    /** Ends the answer with this finish reason (default {@code stop}). */
    public FakeReply finishWith(String reason) {
        FakeReply copy = new FakeReply(responder, status, retryAfterSeconds, headerDelay, chunkDelay, truncateAfterChars,
                truncateAfterSegments);
        copy.finishReason = reason;
        return copy;
    }

    String finishReason() {
        return finishReason;
    }

    // ---------------------------------------------------------------- modifiers

    /** Adds a {@code Retry-After: seconds} header (for {@link #error(int)} 429 or 503). */
    public FakeReply retryAfter(int seconds) {
        return new FakeReply(responder, status, seconds, headerDelay, chunkDelay, truncateAfterChars, truncateAfterSegments);
    }

    /** Waits {@code delay} before sending the response headers. */
    public FakeReply delayHeaders(Duration delay) {
        return new FakeReply(responder, status, retryAfterSeconds, delay, chunkDelay, truncateAfterChars, truncateAfterSegments);
    }

    /** Streams with this delay between chunks (overrides the server's setting). */
    public FakeReply chunkDelay(Duration delay) {
        return new FakeReply(responder, status, retryAfterSeconds, headerDelay, delay, truncateAfterChars, truncateAfterSegments);
    }

    /** Streams only the first {@code chars} characters of the answer, then (after 200 ms) cuts the connection without ending the stream. */
    public FakeReply truncateAfterChars(int chars) {
        return new FakeReply(responder, status, retryAfterSeconds, headerDelay, chunkDelay, chars, truncateAfterSegments);
    }

    /**
     * Streams the answer up to a few characters into the segment after the first {@code segments} closed ones,
     * then (after 200 ms) cuts the connection without ending the stream.
     */
    public FakeReply truncateAfterSegments(int segments) {
        return new FakeReply(responder, status, retryAfterSeconds, headerDelay, chunkDelay, truncateAfterChars, segments);
    }

    // ---------------------------------------------------------------- the deterministic translator

    /**
     * What the fake answers for segment {@code id} with source {@code text}: {@code EN 3: English for <first 8 chars>},
     * and for a long source " and so on" as often as it takes to keep the answer in proportion (an answer far shorter
     * than its source is rightly taken for no translation). A source without any Chinese (English to Chinese) gets Chinese:
     * {@code 中文译文第3段：<first 8 chars>}, with "等" for the length.
     */
    public static String translationOf(int id, String text) {
        String source = text.strip();
        int end = source.offsetByCodePoints(0, Math.min(8, source.codePointCount(0, source.length())));
        int tokens = app.duizhao.translation.TokenEstimator.estimate(source);
        if (mostlyLatin(source)) {
            return "中文译文第" + id + "段：" + source.substring(0, end) + "等".repeat(Math.max(0, (tokens - 20) / 2));
        }
        return "EN " + id + ": English for " + source.substring(0, end)
                + " and so on".repeat(Math.max(0, (tokens - 24) / 6));
    }

    private static boolean mostlyLatin(String text) {
        long latin = text.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN).count();
        long han = text.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN).count();
        return han == 0 && latin > 8; // no Chinese at all: an English article
    }

    /** The default summary: a headline line and three "- " points. */
    public static String summaryOf(ChatCall call) {
        String title = call.title().isEmpty() ? "the article" : call.title();
        int paragraphs = call.paragraphs().size();
        return "Fake headline about " + title + "\n"
                + "- First key point of " + paragraphs + " paragraphs.\n"
                + "- Second key point.\n"
                + "- Third key point.";
    }

    /** The default answer: every segment translated (escaped, in tags, one per line), or a summary. */
    public static String defaultAnswer(ChatCall call) {
        if (call.isSummary()) {
            return summaryOf(call);
        }
        return segmentsAnswer(call, FakeReply::translationOf);
    }

    /** An answer with one {@code <segment>} per asked segment, text from {@code translate} (null leaves it out). */
    public static String segmentsAnswer(ChatCall call, java.util.function.BiFunction<Integer, String, String> translate) {
        List<String> lines = new ArrayList<>();
        call.segments().forEach((id, text) -> {
            String english = translate.apply(id, text);
            if (english != null) {
                lines.add("<segment id=\"" + id + "\">" + ChatCall.escape(english) + "</segment>");
            }
        });
        return String.join("\n", lines);
    }

    // ---------------------------------------------------------------- for the server

    boolean isError() {
        return status >= 400;
    }

    int status() {
        return status;
    }

    Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    Duration headerDelay() {
        return headerDelay;
    }

    Duration chunkDelay() {
        return chunkDelay;
    }

    String answer(ChatCall call) {
        return responder.apply(call);
    }

    /** How many characters of {@code answer} to send before cutting the connection, or -1 to send all. */
    int cutAt(String answer) {
        if (truncateAfterChars != null) {
            return Math.min(truncateAfterChars, answer.length());
        }
        if (truncateAfterSegments != null) {
            int at = 0;
            for (int i = 0; i < truncateAfterSegments; i++) {
                int close = answer.indexOf("</segment>", at);
                if (close < 0) {
                    return answer.length();
                }
                at = close + "</segment>".length();
            }
            int open = answer.indexOf("<segment", at);
            int openEnd = open < 0 ? -1 : answer.indexOf('>', open);
            return openEnd < 0 ? answer.length() : Math.min(answer.length(), openEnd + 1 + 4);
        }
        return -1;
    }
}
