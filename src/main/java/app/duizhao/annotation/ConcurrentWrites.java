package app.duizhao.annotation;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Tells a write that lost a race with a concurrent write of the same rows (and is worth running again) from any
 * other failure. Pure.
 */
final class ConcurrentWrites {

    /**
     * SQL states of a lost race on H2 and PostgreSQL: unique key taken meanwhile (23505), serialization failure or
     * H2 deadlock (40001), PostgreSQL deadlock (40P01), lock not available (55P03), H2 lock timeout (HYT00), H2
     * concurrent update (90131).
     */
    private static final Set<String> RACE_STATES = Set.of("23505", "40001", "40P01", "55P03", "HYT00", "90131");

    private ConcurrentWrites() {
    }

    /** Whether {@code failure} (or one of its causes) says the write lost a race with another one. */
    static boolean lostRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyFailureException || t instanceof DuplicateKeyException
                    || t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof org.hibernate.StaleStateException
                    || t instanceof org.hibernate.exception.LockAcquisitionException
                    || t instanceof org.hibernate.exception.LockTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && RACE_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A short random pause before attempt {@code attempt + 1}, so two writers do not collide again in step. */
    static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(2, 10L * attempt + 3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while saving", e);
        }
    }
}
