package io.singlesday.order.db;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.singlesday.order.OrderIntegrationTest;
import io.singlesday.platform.outbox.OutboxBacklog;
import io.singlesday.platform.outbox.OutboxRelay;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The backlog gauges show rows the relay has not published and how long the oldest has waited. */
class OutboxBacklogTest extends OrderIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager manager;

    @Test
    void aStuckRowShowsInTheBacklogWithItsAgeAndTheGaugesFallBackWhenItLeaves() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Holding the relay's lock keeps this instance's relay from publishing while the gauges are read.
        CompletableFuture<Void> lock = CompletableFuture.runAsync(() -> new TransactionTemplate(manager).executeWithoutResult(s -> {
            jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, OutboxRelay.LOCK_ID);
            held.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try (OutboxBacklog backlog = new OutboxBacklog(jdbc, meters, Duration.ofHours(1))) {
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            // A topic no consumer of these tests reads, so the row goes nowhere once published.
            jdbc.update("insert into outbox_events (topic, record_key, payload, created_at) values ('logistics.parcels', 'backlog-test', ?, now() - interval '90 seconds')",
                    (Object) "{}".getBytes());
            backlog.read();
            assertThat(meters.get("festival.outbox.backlog").gauge().value()).isGreaterThanOrEqualTo(1);
            assertThat(meters.get("festival.outbox.oldest.age").gauge().value()).isGreaterThanOrEqualTo(90);
            release.countDown();
            lock.get(10, TimeUnit.SECONDS);
            long deadline = System.currentTimeMillis() + 15_000;
            do {
                Thread.sleep(200);
                backlog.read();
            } while (meters.get("festival.outbox.oldest.age").gauge().value() >= 90 && System.currentTimeMillis() < deadline);
            assertThat(meters.get("festival.outbox.oldest.age").gauge().value()).isLessThan(90);
        } finally {
            release.countDown();
        }
    }
}
