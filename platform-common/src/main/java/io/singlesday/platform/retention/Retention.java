package io.singlesday.platform.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the platform's bookkeeping from growing without bound: the inbox ({@code processed_events}) and the answers
 * kept for Idempotency-Keys ({@code idempotency_keys}) are deleted once older than their retention. A retention must
 * outlast every redelivery (the topics keep a week) and every client's retry, so the defaults are 8 days and 2 days.
 * Deletes go in bounded batches on a thread of their own, one instance at a time (an advisory lock), never on a
 * request's path; what each purge removed is counted ({@code festival.retention.purged}).
 */
public final class Retention implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final long LOCK = 0x7E_7E_4710L;
    /** Batches per table and run: a backlog far beyond this (a first purge after months) drains over several runs. */
    private static final int MAX_BATCHES = 20;

    /** A table and the column that says how old a row is. */
    record Kept(String table, String since, Duration retention) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final List<Kept> tables;
    private final int batchSize;
    private final MeterRegistry meters;
    private final ScheduledExecutorService timer;

    public Retention(JdbcTemplate jdbc, TransactionTemplate transactions, MeterRegistry meters, Duration processedEvents,
                     Duration idempotencyKeys, Duration every, int batchSize) {
        require(processedEvents, "festival.retention.processed-events");
        require(idempotencyKeys, "festival.retention.idempotency-keys");
        require(every, "festival.retention.every");
        if (batchSize < 1) {
            throw new IllegalArgumentException("festival.retention.batch-size must be at least 1, not " + batchSize);
        }
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.meters = meters;
        this.batchSize = batchSize;
        this.tables = List.of(new Kept("processed_events", "processed_at", processedEvents),
                new Kept("idempotency_keys", "created_at", idempotencyKeys));
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("retention").factory());
        timer.scheduleWithFixedDelay(this::purgeQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void require(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, not " + d);
        }
    }

    /** Deletes what has outlived its retention; returns the rows deleted, or -1 when another instance is purging. */
    public int purgeNow() {
        int deleted = 0;
        for (Kept kept : tables) {
            for (int batch = 0; batch < MAX_BATCHES; batch++) {
                Integer n = transactions.execute(status -> {
                    if (!Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, LOCK))) {
                        return -1;
                    }
                    return jdbc.update("delete from " + kept.table() + " where ctid = any(array(select ctid from "
                            + kept.table() + " where " + kept.since() + " < now() - make_interval(secs => ?) limit ?))",
                            (double) kept.retention().toSeconds(), batchSize);
                });
                if (n == null || n < 0) {
                    return deleted == 0 ? -1 : deleted;
                }
                deleted += n;
                Counter.builder("festival.retention.purged").description("rows deleted after their retention")
                        .tag("table", kept.table()).register(meters).increment(n);
                if (n < batchSize) {
                    break;
                }
            }
        }
        return deleted;
    }

    private void purgeQuietly() {
        try {
            int deleted = purgeNow();
            if (deleted > 0) {
                log.info("Retention: deleted {} rows past their retention", deleted);
            }
        } catch (RuntimeException e) {
            // The database may be away; the next run tries again.
            log.warn("Retention purge failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
