package io.singlesday.platform.db;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A worker is woken once per committed transaction that left it work, never by one that rolled back, never lost. */
class CommitSignalTest {

    private final CommitSignal signal = new CommitSignal();

    @AfterEach
    void clear() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
        TransactionSynchronizationManager.unbindResourceIfPossible(signal);
    }

    @Test
    void aCommitWakesTheWorkerOnlyAfterItCommitsAndOnceForManyWrites() throws Exception {
        TransactionSynchronizationManager.initSynchronization();
        signal.wakeAfterCommit();
        signal.wakeAfterCommit();
        assertThat(TransactionSynchronizationManager.getSynchronizations()).hasSize(1);
        assertThat(signal.await(20)).as("not before the commit").isFalse();

        TransactionSynchronizationUtils.triggerAfterCommit();
        TransactionSynchronizationUtils.triggerAfterCompletion(TransactionSynchronization.STATUS_COMMITTED);
        assertThat(signal.await(1_000)).isTrue();
        assertThat(TransactionSynchronizationManager.hasResource(signal)).isFalse();
    }

    @Test
    void aRollbackWakesNobody() throws Exception {
        TransactionSynchronizationManager.initSynchronization();
        signal.wakeAfterCommit();
        TransactionSynchronizationUtils.triggerAfterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK);
        assertThat(signal.await(50)).isFalse();
        assertThat(TransactionSynchronizationManager.hasResource(signal)).isFalse();
    }

    @Test
    void aWakeWhileTheWorkerIsBusyIsKeptForItsNextWait() throws Exception {
        signal.wake();
        signal.wake();
        assertThat(signal.await(0)).isTrue();
        // Many wake-ups while busy are one round, not a queue of them.
        assertThat(signal.await(20)).isFalse();
    }

    @Test
    void aWaitingWorkerIsWokenFromAnotherThread() throws Exception {
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return signal.await(10_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        signal.wake();
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
    }
}
