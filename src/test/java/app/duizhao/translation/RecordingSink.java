package app.duizhao.translation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** A thread-safe sink that records every event, for tests. */
final class RecordingSink implements TranslationSink, SummarySink {

    record Event(String kind, int id, String text) {
    }

    private final List<Event> events = new ArrayList<>();
    private final List<CallUsage> usages = new ArrayList<>();
    final CountDownLatch firstPartial = new CountDownLatch(1);

    @Override
    public synchronized void usage(CallUsage usage) {
        usages.add(usage);
    }

    synchronized List<CallUsage> usages() {
        return List.copyOf(usages);
    }

    @Override
    public synchronized void partial(int id, String textSoFar) {
        events.add(new Event("partial", id, textSoFar));
        firstPartial.countDown();
    }

    @Override
    public synchronized void completed(int id, String text) {
        events.add(new Event("completed", id, text));
    }

    @Override
    public synchronized void failed(int id, String message) {
        events.add(new Event("failed", id, message));
    }

    @Override
    public synchronized void partial(String textSoFar) {
        partial(0, textSoFar);
    }

    @Override
    public synchronized void completed(String text) {
        completed(0, text);
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    synchronized List<Event> events(String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).toList();
    }

    /** id → text of the completed events, in completion order. */
    synchronized Map<Integer, String> completed() {
        Map<Integer, String> completed = new LinkedHashMap<>();
        events("completed").forEach(e -> completed.put(e.id(), e.text()));
        return completed;
    }

    synchronized Map<Integer, String> failed() {
        Map<Integer, String> failed = new LinkedHashMap<>();
        events("failed").forEach(e -> failed.put(e.id(), e.text()));
        return failed;
    }

    synchronized List<String> partialsOf(int id) {
        return events.stream().filter(e -> e.kind().equals("partial") && e.id() == id).map(Event::text).toList();
    }

    synchronized int indexOf(String kind, int id) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).kind().equals(kind) && events.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }
}
