package app.duizhao.translation;

import app.duizhao.sync.ChangeFeed;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which instance translates which article, in the {@code translation_run} table, for servers that run several
 * instances on one database: a job {@link #claim claims} its article before it starts (so a second instance does
 * not start another job on the same article), writes its progress at most once a second and its end. Another
 * instance reads it for the article's translation status. A running job's row is refreshed every
 * {@link #HEARTBEAT}; one not refreshed for {@link #STALE} belongs to an instance that stopped, and may be claimed.
 * The table is a courtesy between instances: when writing it fails, the job runs all the same.
 */
@Component
class TranslationRuns {

    /** A run as another instance reported it. */
    record Run(int done, int total) {
    }

    static final Duration HEARTBEAT = Duration.ofSeconds(20);
    static final Duration STALE = Duration.ofMinutes(2);
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(1).toNanos();
    private static final Logger log = LoggerFactory.getLogger(TranslationRuns.class);

    private final JdbcTemplate jdbc;
    private final String instance;
    /** The last progress write of each local job (nanoTime). */
    private final Map<TranslationJob, Long> written = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("translation-heartbeat").factory());

    TranslationRuns(JdbcTemplate jdbc, ChangeFeed feed) {
        this.jdbc = jdbc;
        this.instance = feed.instanceId();
        long every = HEARTBEAT.toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Claims an article for a job of this instance; false when a job of another instance (that is still alive)
     * translates it.
     */
    boolean claim(TranslationJob job) {
        OffsetDateTime now = now();
        try {
            int updated = jdbc.update("""
                            update translation_run set origin = ?, status = 'running', done = 0, total = 0,
                                   updated_at = ?
                            where article_id = ? and (status <> 'running' or origin = ? or updated_at < ?)""",
                    instance, now, job.articleId(), instance, now.minus(STALE));
            if (updated == 0) {
                Integer rows = jdbc.queryForObject("select count(*) from translation_run where article_id = ?",
                        Integer.class, job.articleId());
                if (rows != null && rows > 0) {
                    return false;
                }
                jdbc.update("insert into translation_run (article_id, origin, status, done, total, updated_at) "
                        + "values (?, ?, 'running', 0, 0, ?)", job.articleId(), instance, now);
            }
        } catch (DuplicateKeyException otherInstanceWasFaster) {
            return false;
        } catch (DataAccessException e) {
            // The article is gone (the job will say so), or the table cannot be written: run anyway.
            log.debug("Could not claim article {} for translation: {}", job.articleId(), e.toString());
        }
        written.put(job, System.nanoTime());
        job.addListener(new TranslationListener() {
            @Override
            public void blockUpdated(int position, String englishSoFar, boolean complete) {
                if (complete) {
                    progress(job, false);
                }
            }

            @Override
            public void blockFailed(int position, String message) {
                progress(job, false);
            }

            @Override
            public void finished(TranslationJob finished) {
                progress(job, true);
                written.remove(job);
            }
        });
        return true;
    }

    private void progress(TranslationJob job, boolean end) {
        long now = System.nanoTime();
        Long last = written.get(job);
        if (!end && (last == null || now - last < PROGRESS_EVERY_NANOS)) {
            return;
        }
        written.computeIfPresent(job, (j, t) -> now);
        try {
            jdbc.update("update translation_run set status = ?, done = ?, total = ?, updated_at = ? "
                            + "where article_id = ? and origin = ?",
                    end ? job.status().name().toLowerCase(java.util.Locale.ROOT) : "running", job.done(),
                    job.total(), now(), job.articleId(), instance);
        } catch (RuntimeException e) {
            log.debug("Could not record the progress of article {}: {}", job.articleId(), e.toString());
        }
    }

    /**
     * At startup, on an embedded H2 database (which only this process can open): every run still marked running was
     * left open by this server's previous life (a crash or {@code kill -9}), so it is marked {@code interrupted}, with
     * its done/total kept. Without this the article would read "being translated on another instance" for
     * {@link #STALE}. Its Retry (or {@code POST …/translate}) resumes it: only what is missing is translated. On a
     * shared database another live instance may own a running row, so there the staleness rule decides.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationStartedEvent.class)
    void closeRunsOfThePreviousLife() {
        try {
            String url = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getURL());
            boolean embeddedH2 = url != null && url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:")
                    && !url.startsWith("jdbc:h2:ssl:");
            if (embeddedH2) {
                int closed = jdbc.update("update translation_run set status = 'interrupted', updated_at = ? "
                        + "where status = 'running'", now());
                if (closed > 0) {
                    log.info("Marked {} translation run(s) left open by a crash as interrupted", closed);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not close the translation runs left open by the last run: {}", e.toString());
        }
    }

    /** The job another instance runs on an article right now, if any. */
    Optional<Run> elsewhere(long articleId) {
        List<Run> runs = jdbc.query("""
                        select done, total from translation_run
                        where article_id = ? and status = 'running' and origin <> ? and updated_at >= ?""",
                (rs, n) -> new Run(rs.getInt(1), rs.getInt(2)), articleId, instance, now().minus(STALE));
        return runs.stream().findFirst();
    }

    private void beat() {
        if (written.isEmpty()) {
            return;
        }
        try {
            jdbc.update("update translation_run set updated_at = ? where origin = ? and status = 'running'", now(),
                    instance);
        } catch (RuntimeException e) {
            log.debug("Could not refresh the running translations: {}", e.toString());
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    @PreDestroy
    void stop() {
        heartbeat.shutdownNow();
    }
}
