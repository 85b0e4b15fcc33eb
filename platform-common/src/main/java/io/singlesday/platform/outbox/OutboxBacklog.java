package io.singlesday.platform.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the relay has not published yet, as two gauges an operator can alert on: {@code festival.outbox.backlog}
 * (rows) and {@code festival.outbox.oldest.age} (seconds the oldest row has waited, 0 when none waits). Read on a
 * timer of its own rather than at each scrape, so a scrape never waits for the database; -1 while it cannot be read.
 */
public final class OutboxBacklog implements AutoCloseable {

    private final JdbcTemplate jdbc;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();
    private final ScheduledExecutorService timer;

    public OutboxBacklog(JdbcTemplate jdbc, MeterRegistry meters, Duration every) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("festival.outbox.backlog-every must be a positive duration, not " + every);
        }
        this.jdbc = jdbc;
        Gauge.builder("festival.outbox.backlog", rows, AtomicLong::get).description("outbox rows not yet published")
                .baseUnit("rows").register(meters);
        Gauge.builder("festival.outbox.oldest.age", oldestSeconds, AtomicLong::get)
                .description("how long the oldest unpublished outbox row has waited").baseUnit("seconds").register(meters);
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("outbox-backlog").factory());
        timer.scheduleWithFixedDelay(this::read, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the backlog now; the timer calls it, and tests that cannot wait for the timer. */
    public void read() {
        try {
            jdbc.query("select count(*), coalesce(extract(epoch from now() - min(created_at)), 0) from outbox_events", rs -> {
                rows.set(rs.getLong(1));
                oldestSeconds.set((long) Math.floor(rs.getDouble(2)));
            });
        } catch (RuntimeException databaseAway) {
            rows.set(-1);
            oldestSeconds.set(-1);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
