package io.singlesday.order.db;

import io.singlesday.order.OrderIntegrationTest;
import io.singlesday.platform.db.WriteAtCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rows a transaction gathers are written with it, in the order they were added, or not at all: on the real
 * PostgreSQL, through the transaction manager the services use.
 */
class WriteAtCommitTest extends OrderIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager manager;

    private final String batch = "batch-" + UUID.randomUUID();
    private WriteAtCommit rows;
    private TransactionTemplate transactions;

    @BeforeEach
    void table() {
        jdbc.execute("create table if not exists write_at_commit_probe (id bigserial primary key, batch text not null, label text not null)");
        rows = new WriteAtCommit(jdbc, "insert into write_at_commit_probe (batch, label) values (?, ?)");
        transactions = new TransactionTemplate(manager);
    }

    private List<String> written() {
        return sql.sql("select label from write_at_commit_probe where batch = ? order by id").param(batch)
                .query(String.class).list();
    }

    @Test
    void rowsAppearAtTheCommitInTheOrderTheyWereAddedAndNotBefore() {
        List<String> seenFromOutside = transactions.execute(status -> {
            assertThat(rows.add(batch, "first")).isTrue();
            assertThat(rows.add(batch, "second")).isFalse();
            rows.add(batch, "third");
            // Another connection, as another request would see the database while this transaction runs.
            return CompletableFuture.supplyAsync(this::written).join();
        });
        assertThat(seenFromOutside).isEmpty();
        assertThat(written()).containsExactly("first", "second", "third");
    }

    @Test
    void aRolledBackTransactionWritesNothingAndAFailingRowFailsTheCommit() {
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            rows.add(batch, "kept?");
            throw new IllegalStateException("the step failed");
        })).hasMessage("the step failed");
        assertThat(written()).isEmpty();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            rows.add(batch, "fine");
            rows.add(batch, null);
        })).isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        assertThat(written()).isEmpty();
    }

    @Test
    void aTransactionStartedInsideAnotherKeepsItsOwnRows() {
        TransactionTemplate inner = new TransactionTemplate(manager);
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            rows.add(batch, "outer");
            inner.executeWithoutResult(s -> rows.add(batch, "inner"));
            throw new IllegalStateException("the outer one fails");
        })).hasMessage("the outer one fails");
        assertThat(written()).containsExactly("inner");
    }

    @Test
    void outsideATransactionARowIsRefused() {
        assertThatThrownBy(() -> rows.add(batch, "loose")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("need a transaction");
    }
}
