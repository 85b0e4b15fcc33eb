package io.singlesday.order.db;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.singlesday.order.OrderIntegrationTest;
import io.singlesday.platform.retention.Retention;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The inbox and the kept idempotent answers lose exactly what outlived its retention, on the real PostgreSQL. */
class RetentionTest extends OrderIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager manager;

    private final String consumer = "retention-test-" + UUID.randomUUID();

    private long processed(UUID id) {
        return jdbc.queryForObject("select count(*) from processed_events where consumer = ? and event_id = ?", Long.class,
                consumer, id);
    }

    private long kept(String key) {
        return jdbc.queryForObject("select count(*) from idempotency_keys where caller = ? and key = ?", Long.class,
                consumer, key);
    }

    @Test
    void rowsOlderThanTheirRetentionGoAndYoungerOnesStayInBatches() {
        UUID old1 = UUID.randomUUID();
        UUID old2 = UUID.randomUUID();
        UUID old3 = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        for (UUID id : new UUID[]{old1, old2, old3}) {
            jdbc.update("insert into processed_events (consumer, event_id, processed_at) values (?, ?, now() - interval '9 days')",
                    consumer, id);
        }
        jdbc.update("insert into processed_events (consumer, event_id, processed_at) values (?, ?, now() - interval '7 days')",
                consumer, fresh);
        jdbc.update("insert into idempotency_keys (caller, key, request_hash, created_at) values (?, 'old', ?, now() - interval '3 days')",
                consumer, "0".repeat(64));
        jdbc.update("insert into idempotency_keys (caller, key, request_hash, created_at) values (?, 'new', ?, now() - interval '1 day')",
                consumer, "0".repeat(64));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // Batches of two, so the three old inbox rows take two batches in one run.
        try (Retention retention = new Retention(jdbc, new TransactionTemplate(manager), meters, Duration.ofDays(8),
                Duration.ofDays(2), Duration.ofHours(1), 2)) {
            assertThat(retention.purgeNow()).isGreaterThanOrEqualTo(4);
        }
        assertThat(processed(old1) + processed(old2) + processed(old3)).isZero();
        assertThat(processed(fresh)).isEqualTo(1);
        assertThat(kept("old")).isZero();
        assertThat(kept("new")).isEqualTo(1);
        assertThat(meters.get("festival.retention.purged").tag("table", "processed_events").counter().count())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void aRetentionOfZeroOrLessIsRefusedAtStartUp() {
        TransactionTemplate transactions = new TransactionTemplate(manager);
        assertThatThrownBy(() -> new Retention(jdbc, transactions, new SimpleMeterRegistry(), Duration.ZERO,
                Duration.ofDays(2), Duration.ofHours(1), 10)).hasMessageContaining("festival.retention.processed-events");
        assertThatThrownBy(() -> new Retention(jdbc, transactions, new SimpleMeterRegistry(), Duration.ofDays(8),
                Duration.ofDays(-1), Duration.ofHours(1), 10)).hasMessageContaining("festival.retention.idempotency-keys");
        assertThatThrownBy(() -> new Retention(jdbc, transactions, new SimpleMeterRegistry(), Duration.ofDays(8),
                Duration.ofDays(2), Duration.ofHours(1), 0)).hasMessageContaining("festival.retention.batch-size");
    }
}
