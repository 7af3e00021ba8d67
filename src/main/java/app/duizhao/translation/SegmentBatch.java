package app.duizhao.translation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One batch of segments through the segment protocol ({@code <segment id="N">…</segment>}), until every segment is
 * completed or failed. Only the final answer is parsed (reasoning is the gateway's to remove), and each segment's
 * English is checked ({@link AnswerCheck}) before it reaches the sink, which stores and caches it. Then:
 * <ul>
 *   <li>a cut answer ({@code finish_reason: length}): its unfinished last segment is dropped and the missing ones
 *       are asked again in two smaller halves;</li>
 *   <li>a refusal (HTTP 400, a content filter) or a prompt Ollama cut to fit its window: the group is split in halves
 *       and asked again, down to single paragraphs; a paragraph still refused fails with the provider's message;</li>
 *   <li>a segment left out: asked again (with a neighbour whose English is out of proportion: merged);</li>
 *   <li>an answer that fails the checks: asked again once on its own, then failed with the reason;</li>
 *   <li>a transient fault: retried with backoff, keeping the segments completed before it.</li>
 * </ul>
 */
final class SegmentBatch {

    static final String NO_TRANSLATION = "The model gave no translation for this paragraph.";
    /** Expected answer tokens per source token (either direction), and what each segment and answer add. */
    static final double OUTPUT_RATIO = 1.5;
    static final int OUTPUT_SLACK = 64;
    private static final int OUTPUT_PER_SEGMENT = 16;

    private static final Logger log = LoggerFactory.getLogger(SegmentBatch.class);
    private static final Pattern PREAMBLE = Pattern.compile(
            "^\\s*(?:(?:sure|okay|ok|certainly)[,.!]?\\s*)?(?:here(?:'s| is| are)[^\\n:]{0,60}:|translation\\s*:|english\\s*:)\\s*",
            Pattern.CASE_INSENSITIVE);

    /** A batch used up its retries on a transient fault; its pending segments are to be reported failed. */
    static final class BatchFailedException extends RuntimeException {
        final transient List<Segment> pending;
        final TranslationException failure;

        BatchFailedException(List<Segment> pending, TranslationException failure) {
            super(failure.getMessage(), null, false, false);
            this.pending = pending;
            this.failure = failure;
        }
    }

    private final LlmGateway gateway;
    private final TranslationRequest request;
    private final List<GlossaryEntry> terms;
    private final TranslationSink sink;
    private final Cancellation cancellation;
    private final Deque<List<Segment>> work = new ArrayDeque<>();
    private final Map<Integer, Integer> misses = new HashMap<>();
    private final Map<Integer, String> rejected = new HashMap<>();
    /** Segments already handed to the sink (while streaming: once the segment after them has closed too). */
    private final Set<Integer> delivered = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private int faults;

    SegmentBatch(LlmGateway gateway, TranslationRequest request, List<Segment> batch, TranslationSink sink,
                 Cancellation cancellation) {
        this.gateway = gateway;
        this.request = request;
        this.terms = termsIn(request.glossary(), batch, request.direction());
        this.sink = sink;
        this.cancellation = cancellation;
        work.add(List.copyOf(batch));
    }

    /** The answer to one group: the segments its final answer closed, and how the call ended. */
    private record Reply(Map<Integer, String> segments, boolean sawTag, LlmGateway.Answer answer) {
    }

    void run() {
        while (!work.isEmpty() && !cancellation.isCancelled()) {
            List<Segment> group = work.pop();
            Reply reply = ask(group);
            if (cancellation.isCancelled() || reply.answer().cancelled()) {
                return;
            }
            LlmGateway.Answer answer = reply.answer();
            if (answer.error() != null) {
                handleError(group, reply);
            } else if (answer.promptCut()) {
                // Produced from a prompt that was cut: none of it is used.
                splitOrFail(group, "the paragraph does not fit the model's context window (duizhao.llm.context-window)");
            } else {
                accept(group, reply);
            }
        }
    }

    private void handleError(List<Segment> group, Reply reply) {
        Throwable error = reply.answer().error();
        LlmFailures.Kind kind = LlmFailures.kind(error);
        if (kind == LlmFailures.Kind.FATAL) {
            throw gateway.failure(error);
        }
        if (kind == LlmFailures.Kind.REFUSED) {
            String said = LlmFailures.providerMessage(error);
            log.info("{} refused a batch of {} segments ({}); splitting", gateway.info().label(), group.size(),
                    gateway.failures().scrub(said));
            splitOrFail(group, "the provider refused this paragraph (HTTP " + LlmFailures.status(error) + ")"
                    + (said == null || said.isBlank() ? "" : ": \"" + gateway.failures().scrub(said.strip()) + "\""));
            return;
        }
        // Transient: keep what was closed before the fault, ask again for the rest.
        List<Segment> rest = deliver(group, reply.segments());
        if (rest.isEmpty()) {
            return;
        }
        if (faults >= gateway.maxRetries()) {
            List<Segment> pending = new ArrayList<>(rest);
            work.forEach(pending::addAll);
            work.clear();
            throw new BatchFailedException(List.copyOf(pending), gateway.failure(error));
        }
        faults++;
        log.info("LLM call to {} failed ({}); retry {} of {}", gateway.baseUrl(),
                gateway.failures().scrub(String.valueOf(error)), faults, gateway.maxRetries());
        if (LlmGateway.sleep(gateway.retryWait(error, faults), cancellation)) {
            work.push(rest);
        }
    }

    /** Splits a refused (or too long) group in halves, or fails its single paragraph with the reason. */
    private void splitOrFail(List<Segment> group, String reason) {
        if (group.size() == 1) {
            fail(group.getFirst(), capitalized(reason) + ".");
            return;
        }
        int half = group.size() / 2;
        work.push(List.copyOf(group.subList(half, group.size())));
        work.push(List.copyOf(group.subList(0, half)));
    }

    private void accept(List<Segment> group, Reply reply) {
        LlmGateway.Answer answer = reply.answer();
        Map<Integer, String> got = new LinkedHashMap<>(reply.segments());
        if (!reply.sawTag() && group.size() == 1) {
            String whole = PREAMBLE.matcher(answer.text()).replaceFirst("").strip();
            if (!whole.isEmpty() && !answer.cut()) {
                got.put(group.getFirst().id(), PromptTemplates.unescape(whole));
            }
        }
        // Merged segments: a neighbour left out, and this one's English out of proportion to its own source.
        Set<Integer> suspects = mergedSuspects(group, got);
        suspects.removeAll(delivered);
        suspects.forEach(got::remove);
        List<Segment> missing = new ArrayList<>();
        List<Segment> again = new ArrayList<>();
        for (Segment s : group) {
            if (delivered.contains(s.id())) {
                continue;
            }
            String english = got.get(s.id());
            if (english == null) {
                missing.add(s);
                continue;
            }
            String problem = AnswerCheck.problem(s.text(), english, request.direction());
            if (problem == null) {
                complete(s, english);
            } else if (rejected.containsKey(s.id())) {
                fail(s, "The model's answer was not a translation: " + problem + ".");
            } else {
                rejected.put(s.id(), problem);
                again.add(s);
            }
        }
        for (Segment s : again) {
            work.push(List.of(s)); // each asked again once, on its own
        }
        if (missing.isEmpty()) {
            return;
        }
        if (answer.cut() || answer.filtered()) {
            if (missing.size() > 1) {
                int half = missing.size() / 2;
                work.push(List.copyOf(missing.subList(half, missing.size())));
                work.push(List.copyOf(missing.subList(0, half)));
                return;
            }
            if (answer.filtered()) {
                fail(missing.getFirst(), "The provider's content filter stopped the translation of this paragraph.");
                return;
            }
        }
        List<Segment> retry = new ArrayList<>();
        for (Segment s : missing) {
            int n = misses.merge(s.id(), 1, Integer::sum);
            if (n > gateway.maxRetries()) {
                fail(s, answer.cut() ? "The answer was cut at the model's output limit (duizhao.llm.max-output-tokens)."
                        : NO_TRANSLATION);
            } else {
                retry.add(s);
            }
        }
        if (!retry.isEmpty()) {
            log.info("The model left out segments {}; asking again", retry.stream().map(Segment::id).toList());
            work.push(List.copyOf(retry));
        }
    }

    /** Answered segments just before a left-out one whose English is out of proportion with the others'. */
    private static Set<Integer> mergedSuspects(List<Segment> group, Map<Integer, String> got) {
        Set<Integer> suspects = new java.util.HashSet<>();
        for (int i = 1; i < group.size(); i++) {
            Segment previous = group.get(i - 1);
            if (got.containsKey(group.get(i).id()) || !got.containsKey(previous.id())) {
                continue;
            }
            double ratio = AnswerCheck.ratio(previous.text(), got.get(previous.id()));
            List<Double> others = group.stream()
                    .filter(s -> s.id() != previous.id() && got.containsKey(s.id()))
                    .map(s -> AnswerCheck.ratio(s.text(), got.get(s.id()))).sorted().toList();
            // With nothing to compare with, the answer is kept (a model that answered only the first is common).
            if (!others.isEmpty() && ratio >= 1.5 * others.get(others.size() / 2)) {
                suspects.add(previous.id());
            }
        }
        return suspects;
    }

    /** Hands over the segments of {@code got} that pass the checks; returns the rest of the group. */
    private List<Segment> deliver(List<Segment> group, Map<Integer, String> got) {
        List<Segment> rest = new ArrayList<>();
        for (Segment s : group) {
            if (delivered.contains(s.id())) {
                continue;
            }
            String english = got.get(s.id());
            if (english != null && AnswerCheck.problem(s.text(), english, request.direction()) == null) {
                complete(s, english);
            } else {
                rest.add(s);
            }
        }
        return rest;
    }

    private void complete(Segment s, String english) {
        if (delivered.add(s.id())) {
            sink.completed(s.id(), english);
        }
    }

    private void fail(Segment s, String message) {
        log.info("Segment {} failed: {}", s.id(), message);
        sink.failed(s.id(), message);
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    // ---------------------------------------------------------------- one call

    private Reply ask(List<Segment> group) {
        String system = PromptTemplates.translateSystem(request.direction());
        String user = PromptTemplates.translateUser(request.context(), group, request.direction(),
                termsIn(terms, group, request.direction()));
        LlmGateway.Request call = new LlmGateway.Request("translate", system, user, expectedOutput(group), true);
        Set<Integer> ids = group.stream().map(Segment::id).collect(Collectors.toSet());
        LiveParse live = new LiveParse(group);
        LlmGateway.Answer answer = gateway.call(call, live, cancellation, sink::usage);
        if (answer.cancelled() || cancellation.isCancelled()) {
            return new Reply(Map.of(), false, answer);
        }
        // Only the final answer counts: parsed again from the start, without what streamed before a stray </think>.
        Map<Integer, String> segments = new LinkedHashMap<>();
        SegmentStreamParser parser = new SegmentStreamParser(ids, new SegmentStreamParser.Listener() {
            @Override
            public void partial(int id, String textSoFar) {
            }

            @Override
            public void completed(int id, String text) {
                segments.put(id, text);
            }
        });
        parser.accept(answer.text());
        if (answer.ok() && !answer.cut() && !answer.filtered()) {
            parser.finish(); // a segment left open at a normal end is complete; at a cut it is not
        }
        return new Reply(segments, parser.sawAnyTag(), answer);
    }

    /** The output limit of a request: what its segments' answer needs, with room to spare. */
    static int expectedOutput(List<Segment> group) {
        int total = OUTPUT_SLACK;
        for (Segment s : group) {
            total += (int) Math.ceil(TokenEstimator.estimate(s.text()) * OUTPUT_RATIO) + OUTPUT_PER_SEGMENT;
        }
        return total;
    }

    /**
     * Shows each segment's English as it streams, and hands a segment over as soon as the one after it has closed
     * too (so it cannot be two paragraphs merged with a left-out next one) and it passes the checks; the last one
     * waits for the end of the answer. An answer that starts with anything but a segment tag (chatter, or reasoning
     * whose opening tag the chat template wrote) is neither shown nor handed over until it is final.
     */
    private final class LiveParse implements LlmGateway.Listener {
        private final List<Segment> group;
        private final Set<Integer> ids;
        private final Map<Integer, String> closed = new HashMap<>();
        private final StringBuilder raw = new StringBuilder();
        private SegmentStreamParser parser;
        private boolean held;

        LiveParse(List<Segment> group) {
            this.group = group;
            this.ids = group.stream().map(Segment::id).collect(Collectors.toSet());
            restart();
        }

        private void closed(int id, String text) {
            if (held || cancellation.isCancelled()) {
                return;
            }
            closed.put(id, text);
            for (int i = 1; i < group.size(); i++) {
                Segment previous = group.get(i - 1);
                String english = closed.get(previous.id());
                if (group.get(i).id() == id && english != null
                        && AnswerCheck.problem(previous.text(), english, request.direction()) == null) {
                    complete(previous, english);
                }
            }
        }

        @Override
        public void answer(String delta) {
            raw.append(delta);
            if (!held) {
                String lead = raw.toString().stripLeading();
                if (!lead.isEmpty() && !"<segment".startsWith(lead.substring(0, Math.min(lead.length(), 8)).toLowerCase(Locale.ROOT))
                        && !lead.toLowerCase(Locale.ROOT).startsWith("<segment")) {
                    held = true;
                    return;
                }
                parser.accept(delta);
            }
        }

        @Override
        public void restart() {
            raw.setLength(0);
            closed.clear();
            held = true;
            parser = new SegmentStreamParser(ids, new SegmentStreamParser.Listener() {
                @Override
                public void partial(int id, String textSoFar) {
                    if (!held && !cancellation.isCancelled()) {
                        sink.partial(id, textSoFar);
                    }
                }

                @Override
                public void completed(int id, String text) {
                    closed(id, text);
                }
            });
            held = false;
        }
    }

    /** Glossary terms that occur in the segments (script-insensitive matching is done by the caller's list). */
    static List<GlossaryEntry> termsIn(List<GlossaryEntry> glossary, List<Segment> batch, Direction direction) {
        if (glossary.isEmpty()) {
            return List.of();
        }
        String text = batch.stream().map(Segment::text).collect(Collectors.joining("\n"));
        String simplified = GlossaryMatcher.simplified(text);
        String lower = text.toLowerCase(Locale.ROOT);
        return glossary.stream().filter(t -> direction == Direction.EN_TO_ZH
                ? lower.contains(t.english().toLowerCase(Locale.ROOT))
                : simplified.contains(GlossaryMatcher.simplified(t.chinese()))).toList();
    }
}
