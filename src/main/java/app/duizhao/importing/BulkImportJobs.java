package app.duizhao.importing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code bulk_import_job} table: each bulk job's row, written when it starts, at most once a second while it
 * runs and when it ends. A row still {@code running} when the server starts was left by a server that stopped
 * without finishing it; {@link #closeJobsOfThePreviousLife} marks it {@code interrupted}, keeping its counts, and the
 * import page offers to resume it. The table is a record for the user: when writing it fails, the job runs anyway.
 */
@Component
class BulkImportJobs {

    /** A job as stored. */
    record StoredJob(long id, long ownerId, String source, String status, int total, int imported, int duplicates,
                     int skipped, String uploadDir, String serverPath, OffsetDateTime startedAt) {

        /** How many files it had done. */
        int done() {
            return imported + duplicates + skipped;
        }
    }

    /** How long a running row of another instance may go unwritten before it counts as abandoned. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);
    private static final long WRITE_EVERY_NANOS = Duration.ofSeconds(1).toNanos();
    private static final Logger log = LoggerFactory.getLogger(BulkImportJobs.class);

    private final JdbcTemplate jdbc;
    private final Map<Long, Long> lastWrite = new ConcurrentHashMap<>();

    BulkImportJobs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a job that starts; its id, or -1 when it could not be recorded. */
    long started(long ownerId, String source, String uploadDir, String serverPath) {
        try {
            OffsetDateTime now = now();
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.update(connection -> {
                PreparedStatement insert = connection.prepareStatement("""
                        insert into bulk_import_job (owner_id, source, status, total, imported, duplicates, skipped,
                                                     upload_dir, server_path, started_at, updated_at)
                        values (?, ?, 'running', -1, 0, 0, 0, ?, ?, ?, ?)""", new String[]{"id"});
                insert.setLong(1, ownerId);
                insert.setString(2, source.length() > 1000 ? source.substring(0, 1000) : source);
                insert.setString(3, uploadDir);
                insert.setString(4, serverPath);
                insert.setObject(5, now);
                insert.setObject(6, now);
                return insert;
            }, keys);
            return keys.getKey() == null ? -1 : keys.getKey().longValue();
        } catch (RuntimeException e) {
            log.warn("Could not record the start of the bulk import of {}: {}", source, e.toString());
            return -1;
        }
    }

    /** Records the job's progress (at most once a second unless {@code force}) or its end. */
    void progress(long id, BulkImportJob job, boolean force) {
        if (id < 0) {
            return;
        }
        long now = System.nanoTime();
        Long last = lastWrite.get(id);
        if (!force && job.status() == BulkImportJob.Status.RUNNING && last != null && now - last < WRITE_EVERY_NANOS) {
            return;
        }
        lastWrite.put(id, now);
        try {
            jdbc.update("update bulk_import_job set status = ?, total = ?, imported = ?, duplicates = ?, skipped = ?, "
                            + "updated_at = ? where id = ?", job.status().name().toLowerCase(Locale.ROOT), job.total(),
                    job.imported(), job.duplicates(), job.skipped(), now(), id);
        } catch (RuntimeException e) {
            log.debug("Could not record the progress of bulk import {}: {}", id, e.toString());
        }
        if (job.isFinished()) {
            lastWrite.remove(id);
        }
    }

    /** The owner's jobs that a stopped server left unfinished, newest first. */
    List<StoredJob> interrupted(long ownerId) {
        return jdbc.query("select * from bulk_import_job where owner_id = ? and status = 'interrupted' "
                + "order by id desc", (rs, n) -> new StoredJob(rs.getLong("id"), rs.getLong("owner_id"),
                rs.getString("source"), rs.getString("status"), rs.getInt("total"), rs.getInt("imported"),
                rs.getInt("duplicates"), rs.getInt("skipped"), rs.getString("upload_dir"),
                rs.getString("server_path"), rs.getObject("started_at", OffsetDateTime.class)), ownerId);
    }

    /** The interrupted job {@code id} of {@code ownerId}, if there is one. */
    Optional<StoredJob> interrupted(long ownerId, long id) {
        return interrupted(ownerId).stream().filter(job -> job.id() == id).findFirst();
    }

    /** Marks an interrupted job as resumed (or dismissed) by a new one; false when someone else did first. */
    boolean close(long id, String status) {
        return jdbc.update("update bulk_import_job set status = ?, updated_at = ? where id = ? "
                + "and status = 'interrupted'", status, now(), id) == 1;
    }

    /**
     * Marks the running jobs a stopped server left as interrupted: all of them on an embedded H2 database (only this
     * process can open it), and on a shared database those not written for {@link #ABANDONED_AFTER}.
     *
     * @return the upload folders of the jobs that are interrupted (kept for resuming)
     */
    List<String> closeJobsOfThePreviousLife() {
        try {
            String url = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getURL());
            boolean embeddedH2 = url != null && url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:")
                    && !url.startsWith("jdbc:h2:ssl:");
            int closed = embeddedH2
                    ? jdbc.update("update bulk_import_job set status = 'interrupted' where status = 'running'")
                    : jdbc.update("update bulk_import_job set status = 'interrupted' where status = 'running' "
                    + "and updated_at < ?", now().minus(ABANDONED_AFTER));
            if (closed > 0) {
                log.info("Marked {} bulk import(s) left unfinished by the last run as interrupted", closed);
            }
            return jdbc.queryForList("select upload_dir from bulk_import_job where status in ('interrupted', "
                    + "'running') and upload_dir is not null", String.class);
        } catch (RuntimeException e) {
            log.warn("Could not close the bulk imports left open by the last run: {}", e.toString());
            return null;
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
