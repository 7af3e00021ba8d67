package app.duizhao.sync;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Lets several instances of Duizhao on one database keep their in-memory caches of it (the search index, the engine
 * settings, per-user study caches) in step. A feature that changes what such a cache holds {@link #publish}es the
 * change (a topic and an item id) in the same transaction as the change itself; every instance reads the changes the
 * other instances wrote every {@code duizhao.sync.interval} and hands them to the topic's {@link #subscribe
 * subscribers}. An instance never receives its own changes: it updated its caches when it made them. Reading is one
 * indexed query a second, so a single server pays next to nothing.
 *
 * <p>Rows are numbered by the database in the order they were inserted, not committed: a row that commits after a
 * later-numbered one is a gap the reader keeps asking for during {@link #GAP_WATCH} (a rolled-back transaction
 * leaves a gap that never fills).
 */
@Component
public class ChangeFeed {

    /** One change: its row id, topic and item. */
    public record Change(long id, String topic, long itemId) {
    }

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    /** How long a missing row number is asked for again: the longest write transaction we expect. */
    static final Duration GAP_WATCH = Duration.ofMinutes(2);
    private static final int MAX_GAPS = 10_000;
    private static final int BATCH = 5_000;
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final SyncProperties properties;
    /** This instance, so that it skips its own rows. */
    private final String origin = UUID.randomUUID().toString();
    private final Map<String, List<Consumer<Set<Long>>>> subscribers = new ConcurrentHashMap<>();
    private final long startPosition;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("change-feed").factory());
    // Written by the poller thread only, under this object's lock.
    private long last;
    private final Map<Long, Long> gaps = new LinkedHashMap<>(); // missing row id -> nanoTime when to give up
    private long nextPrune;
    /** See {@link #position()}: read without the lock (callers hold locks of their own that the poller takes). */
    private volatile long position;

    ChangeFeed(JdbcTemplate jdbc, SyncProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
        Long max = jdbc.queryForObject("select max(id) from change_log", Long.class);
        this.startPosition = max == null ? 0 : max;
        this.last = startPosition;
        this.position = startPosition;
    }

    /**
     * Records a change for the other instances. Inside a transaction the row is part of it (it is seen only if the
     * transaction commits); outside one it is written at once.
     */
    public void publish(String topic, long itemId) {
        jdbc.update("insert into change_log (topic, item_id, origin, changed_at) values (?, ?, ?, ?)",
                topic, itemId, origin, OffsetDateTime.now(ZoneOffset.UTC));
    }

    /**
     * Calls {@code handler} on the feed's thread with the ids of the items of {@code topic} that other instances
     * changed (each once per batch, in the order of their changes).
     */
    public void subscribe(String topic, Consumer<Set<Long>> handler) {
        subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /** This instance's id (a random UUID for its life), as other instances see it in rows it writes. */
    public String instanceId() {
        return origin;
    }

    /** The newest row when this instance started: the poller hands on what comes after it. */
    public long startPosition() {
        return startPosition;
    }

    /**
     * The row up to which every change has been handed on (the rows still awaited are after it): a cache that
     * stores this with its data can catch up from there after a restart ({@link #changesSince}).
     */
    public long position() {
        return position;
    }

    /**
     * The items of a topic changed (by any instance) after row {@code afterId} up to {@link #startPosition()}, or
     * {@code null} when rows after {@code afterId} have been pruned already (the caller starts over).
     */
    public Set<Long> changesSince(long afterId, String topic) {
        if (afterId >= startPosition) {
            return Set.of();
        }
        Long oldest = jdbc.queryForObject("select min(id) from change_log", Long.class);
        if (oldest == null || oldest > afterId + 1) {
            return null;
        }
        return new LinkedHashSet<>(jdbc.queryForList(
                "select item_id from change_log where id > ? and id <= ? and topic = ? order by id", Long.class,
                afterId, startPosition, topic));
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long millis = properties.interval().toMillis();
        if (millis > 0) {
            poller.scheduleWithFixedDelay(this::pollQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("Could not read the changes of other instances: {}", e.toString());
        }
    }

    /** Reads the new rows (and the awaited ones) and hands the other instances' changes to the subscribers. */
    synchronized void poll() {
        List<Change> found = new ArrayList<>();
        List<Change> batch;
        do {
            batch = jdbc.query("select id, topic, item_id, origin from change_log where id > ? order by id limit "
                    + BATCH, (rs, n) -> rs.getString(4).equals(origin) ? new Change(rs.getLong(1), null, 0)
                    : new Change(rs.getLong(1), rs.getString(2), rs.getLong(3)), last);
            long now = System.nanoTime();
            for (Change change : batch) {
                for (long missing = last + 1; missing < change.id() && gaps.size() < MAX_GAPS; missing++) {
                    gaps.put(missing, now + GAP_WATCH.toNanos());
                }
                last = change.id();
                found.add(change);
            }
        } while (batch.size() == BATCH);
        if (!gaps.isEmpty()) {
            String ids = gaps.keySet().stream().map(String::valueOf).collect(Collectors.joining(","));
            List<Change> late = jdbc.query("select id, topic, item_id, origin from change_log where id in (" + ids
                    + ")", (rs, n) -> rs.getString(4).equals(origin) ? new Change(rs.getLong(1), null, 0)
                    : new Change(rs.getLong(1), rs.getString(2), rs.getLong(3)));
            for (Change change : late) {
                gaps.remove(change.id());
                found.add(change);
            }
            long now = System.nanoTime();
            for (Iterator<Long> deadlines = gaps.values().iterator(); deadlines.hasNext(); ) {
                if (deadlines.next() - now < 0) {
                    deadlines.remove();
                }
            }
        }
        dispatch(found);
        long upTo = last;
        for (long gap : gaps.keySet()) {
            upTo = Math.min(upTo, gap - 1);
        }
        position = upTo;
        pruneNowAndThen();
    }

    private void dispatch(List<Change> changes) {
        Map<String, Set<Long>> byTopic = new HashMap<>();
        for (Change change : changes) {
            if (change.topic() != null) {
                byTopic.computeIfAbsent(change.topic(), t -> new LinkedHashSet<>()).add(change.itemId());
            }
        }
        byTopic.forEach((topic, items) -> {
            for (Consumer<Set<Long>> handler : subscribers.getOrDefault(topic, List.of())) {
                try {
                    handler.accept(java.util.Collections.unmodifiableSet(items));
                } catch (RuntimeException e) {
                    log.error("Could not apply the changes of other instances to {} {}", topic, items, e);
                }
            }
        });
    }

    private void pruneNowAndThen() {
        long now = System.nanoTime();
        if (nextPrune != 0 && nextPrune - now > 0) {
            return;
        }
        nextPrune = now + PRUNE_EVERY.toNanos();
        jdbc.update("delete from change_log where changed_at < ?",
                OffsetDateTime.now(ZoneOffset.UTC).minus(properties.retention()));
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
    }
}
