package dev.fleetota.rollout;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A wake-up call to engine threads that otherwise wait for their next poll: the caller says there is work now,
 * once its transaction has committed (before that, the work is invisible to the woken thread).
 */
final class Wakeup {

    private final Semaphore calls = new Semaphore(0);

    /** Wakes up to {@code threads} waiting threads, after the current transaction commits (at once outside one). */
    void afterCommit(int threads) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            calls.release(threads);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                calls.release(threads);
            }
        });
    }

    /** Waits until woken or {@code millis} have passed; true when woken. */
    boolean await(long millis) throws InterruptedException {
        return calls.tryAcquire(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    /** Forgets wake-up calls already answered by work that is about to start. */
    void clear() {
        calls.drainPermits();
    }

}
