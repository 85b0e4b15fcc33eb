package io.singlesday.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.singlesday.platform.db.WorkerThread;
import io.singlesday.platform.kafka.EventTypeHeader;
import io.singlesday.platform.tracing.TraceHop;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox rows in id order and deletes them once the broker has acknowledged them. One relay per
 * database is active at a time (a transaction-scoped advisory lock), which keeps each key's events in order even
 * with several instances. A crash after publishing and before the delete publishes again: at least once.
 * It runs when this instance commits outbox rows ({@link OutboxSignal}), and otherwise only every fallback poll,
 * which peeks for rows other instances committed and left; so an idle service costs next to nothing and a busy one does not
 * wait for a timer. Rows that arrive while a batch is in flight go out together in the next one.
 */
public class OutboxRelay extends WorkerThread {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** The advisory lock that makes one relay per database active; public for tests that hold it. */
    public static final long LOCK_ID = 0x11_11_0_0_7L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private static final long LOCK_BUSY_RETRY_MILLIS = 10;

    private final OutboxSignal signal;
    private final TraceHop traces;
    private final int batchSize;
    private final long fallbackPollMillis;
    private final Counter relayed;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
                       MeterRegistry meters, OutboxSignal signal, TraceHop traces, int batchSize, long fallbackPollMillis) {
        super("outbox-relay");
        if (batchSize < 1 || fallbackPollMillis < 1) {
            throw new IllegalArgumentException("festival.outbox.relay batch-size and fallback-poll-ms must be at least 1, not "
                    + batchSize + " and " + fallbackPollMillis);
        }
        this.jdbc = jdbc;
        this.signal = signal;
        this.traces = traces;
        this.transactions = transactions;
        this.kafka = kafka;
        this.batchSize = batchSize;
        this.fallbackPollMillis = fallbackPollMillis;
        this.relayed = meters.counter("festival.outbox.relayed");
    }

    /** Publishes one batch; returns how many rows it published, or -1 when another instance's relay holds the lock. */
    public int relayOnce() {
        Integer count = transactions.execute(status -> {
            Boolean mine = jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, LOCK_ID);
            if (!Boolean.TRUE.equals(mine)) {
                return -1;
            }
            List<Long> ids = new ArrayList<>();
            List<CompletableFuture<?>> sends = new ArrayList<>();
            jdbc.query("select id, topic, record_key, payload, traceparent, event_type from outbox_events order by id limit ?", rs -> {
                ids.add(rs.getLong(1));
                // Sent as a step of the trace that wrote it: the producer's span and the record's traceparent
                // header continue that trace, and the consumer continues it from the header.
                try (TraceHop.Scope trace = traces.resume(rs.getString(5))) {
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(rs.getString(2), rs.getString(3), rs.getBytes(4));
                    EventTypeHeader.add(record.headers(), rs.getString(6));
                    sends.add(kafka.send(record));
                }
            }, batchSize);
            if (ids.isEmpty()) {
                return 0;
            }
            kafka.flush();
            try {
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Outbox batch not acknowledged; it will be sent again", e);
            }
            jdbc.update("delete from outbox_events where id = any(?)", (Object) ids.toArray(Long[]::new));
            return ids.size();
        });
        int published = count == null ? 0 : count;
        relayed.increment(Math.max(0, published));
        return published;
    }

    /** For this instance's commits; also what tests and a shutdown hook may call to push rows out now. */
    public void wake() {
        signal.wake();
    }

    @Override
    protected void loop() {
        boolean look = true;
        while (isRunning()) {
            try {
                int published = look ? relayOnce() : 0;
                if (published < 0) {
                    // The other relay may have read its batch before our rows committed: look again soon.
                    signal.await(LOCK_BUSY_RETRY_MILLIS);
                    look = true;
                } else if (published < batchSize) {
                    // Woken, the rows are there. A fallback poll first peeks without a transaction or the lock:
                    // on an idle service that is one round trip a poll instead of four.
                    look = signal.await(fallbackPollMillis) || anyWaiting();
                } else {
                    look = true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Outbox relay failed; retrying: {}", e.getMessage());
                look = true;
                sleepQuietly(1000);
            }
        }
    }

    private boolean anyWaiting() {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from outbox_events order by id limit 1)", Boolean.class));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
