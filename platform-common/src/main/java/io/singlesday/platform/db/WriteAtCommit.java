package io.singlesday.platform.db;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows for one insert statement, gathered during a transaction and written in one JDBC batch just before it
 * commits: with {@code reWriteBatchedInserts} that is one multi-row insert however many steps of the transaction
 * added rows (a poll's saga steps, a tick's parcel moves). The rows are written in the order they were added, inside
 * the transaction, so they exist exactly when its other changes do; a write that fails fails the commit.
 * <p>
 * Not for transactions that roll back to a savepoint and go on: rows added after the savepoint would still be
 * written. Nothing here uses savepoints; a transaction suspended for a new one keeps its own rows.
 */
public final class WriteAtCommit {

    private final JdbcTemplate jdbc;
    private final String insert;

    public WriteAtCommit(JdbcTemplate jdbc, String insert) {
        this.jdbc = jdbc;
        this.insert = insert;
    }

    /** Adds a row to the current transaction's batch; returns true for the first row of this transaction. */
    public boolean add(Object... row) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("rows for '" + insert + "' need a transaction");
        }
        Pending pending = current();
        boolean first = pending == null;
        if (first) {
            pending = new Pending();
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.rows.add(row);
        return first;
    }

    /** Looked up among the current transaction's synchronizations, which a suspended transaction takes with it. */
    private Pending current() {
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Pending p && p.owner() == this) {
                return p;
            }
        }
        return null;
    }

    private final class Pending implements TransactionSynchronization {

        private final List<Object[]> rows = new ArrayList<>();

        WriteAtCommit owner() {
            return WriteAtCommit.this;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (rows.size() == 1) {
                jdbc.update(insert, rows.getFirst());
            } else if (!rows.isEmpty()) {
                jdbc.batchUpdate(insert, rows);
            }
            rows.clear();
        }
    }
}
