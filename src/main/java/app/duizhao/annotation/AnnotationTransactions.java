package app.duizhao.annotation;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The transactions every write of the user's work runs in. Two tabs or two people may save the same thing at the
 * same instant: each write runs in a transaction of its own and, when it loses such a race (an optimistic-lock
 * failure, a unique key taken by the other save, a lock timeout), runs again from the start. A revision-checked
 * save then sees the other save and ends in an {@link EditConflictException} with both texts kept, never in a
 * database exception and never in a silent overwrite. Called inside a caller's transaction, a write joins it and
 * cannot run again; the caller's transaction then decides.
 */
@Component
class AnnotationTransactions {

    /** How many times a write that lost a race with a concurrent one is run. */
    static final int MAX_ATTEMPTS = 8;

    private final TransactionTemplate transactions;
    private final AtomicLong lostRaces = new AtomicLong();

    AnnotationTransactions(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** What one attempt of a write ended with: its value, or an edit conflict to report once it is committed. */
    private record Attempt<T>(T value, EditConflictException conflict) {
    }

    /**
     * Runs {@code change} in a transaction of its own, again (up to {@link #MAX_ATTEMPTS} times, after a short
     * random pause) whenever it lost a race with a concurrent write of the same rows; inside a caller's
     * transaction it simply runs in it. An {@link EditConflictException} is thrown after the transaction
     * committed, so the conflict draft it saved is kept.
     *
     * @throws IllegalStateException when it lost the race every time (nothing was saved)
     */
    <T> T write(Supplier<T> change) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return change.get();
        }
        for (int attempt = 1; ; attempt++) {
            Attempt<T> done;
            try {
                done = transactions.execute(status -> {
                    try {
                        return new Attempt<>(change.get(), null);
                    } catch (EditConflictException conflict) {
                        return new Attempt<>(null, conflict);
                    }
                });
            } catch (RuntimeException e) {
                if (!ConcurrentWrites.lostRace(e)) {
                    throw e;
                }
                lostRaces.incrementAndGet();
                if (attempt >= MAX_ATTEMPTS) {
                    throw new IllegalStateException("The article was being changed elsewhere at the same moment, "
                            + "so this change was not saved. Please try again.", e);
                }
                ConcurrentWrites.pause(attempt);
                continue;
            }
            if (done.conflict() != null) {
                throw done.conflict();
            }
            return done.value();
        }
    }

    /** {@link #write(Supplier)} of a change without a result. */
    void write(Runnable change) {
        write(() -> {
            change.run();
            return null;
        });
    }

    /** How many write attempts lost a race and ran again since start (for tests and diagnostics). */
    long lostRaces() {
        return lostRaces.get();
    }
}
