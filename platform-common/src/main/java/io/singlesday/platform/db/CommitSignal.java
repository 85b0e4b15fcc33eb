package io.singlesday.platform.db;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Tells a worker of this instance that a transaction which left it work has committed, so the work is done at once
 * instead of at the worker's next poll. A wake-up is never lost: one that arrives while the worker is busy makes its
 * next wait return immediately; many are one round, not a queue. Other instances' commits are for the worker's slow
 * fallback poll to find.
 */
public class CommitSignal {

    private final Semaphore pending = new Semaphore(0);

    /** Inside a transaction: wake the worker once, after it commits (not at all if it rolls back); outside, now. */
    public void wakeAfterCommit() {
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
                TransactionSynchronizationManager.unbindResourceIfPossible(CommitSignal.this);
            }
        });
    }

    public void wake() {
        if (pending.availablePermits() == 0) {
            pending.release();
        }
    }

    /** Waits until woken or {@code millis} pass; true when woken. */
    public boolean await(long millis) throws InterruptedException {
        boolean woken = pending.tryAcquire(millis, TimeUnit.MILLISECONDS);
        pending.drainPermits();
        return woken;
    }
}
