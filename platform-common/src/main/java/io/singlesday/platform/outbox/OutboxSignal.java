package io.singlesday.platform.outbox;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Tells this instance's relay that a transaction which wrote outbox rows has committed, so the rows leave at once
 * instead of at the next poll. A wake-up is never lost: one that arrives while the relay is busy makes its next
 * wait return immediately. Other instances' commits are found by the relay's slow fallback poll.
 */
public final class OutboxSignal {

    private final Semaphore pending = new Semaphore(0);

    /** Inside a transaction: wake the relay once, after it commits (not at all if it rolls back). */
    void afterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            wake();
            return;
        }
        if (TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wake();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(OutboxSignal.this);
            }
        });
    }

    public void wake() {
        if (pending.availablePermits() == 0) {
            pending.release();
        }
    }

    /** Waits until woken or {@code millis} pass; true when woken. */
    boolean await(long millis) throws InterruptedException {
        boolean woken = pending.tryAcquire(millis, TimeUnit.MILLISECONDS);
        pending.drainPermits();
        return woken;
    }
}
