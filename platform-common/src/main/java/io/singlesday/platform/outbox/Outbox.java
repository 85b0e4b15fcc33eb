package io.singlesday.platform.outbox;

import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.EventType;
import io.singlesday.platform.db.WriteAtCommit;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.platform.kafka.EventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/**
 * Records an event in the caller's transaction, so the event exists if and only if the change does. The
 * {@link OutboxRelay} publishes it afterwards, at least once, woken by the commit; consumers deduplicate by event id.
 * A transaction's events are written together just before it commits ({@link WriteAtCommit}), in one statement.
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final EventCodec codec;
    private final Clock festivalClock;
    private final EventPublisher tracing;
    private final OutboxSignal committed;
    private final WriteAtCommit rows;

    public Outbox(JdbcTemplate jdbc, EventCodec codec, Clock festivalClock, EventPublisher tracing, OutboxSignal committed) {
        this.jdbc = jdbc;
        this.committed = committed;
        this.rows = new WriteAtCommit(jdbc, "insert into outbox_events (topic, record_key, payload, traceparent, event_type) values (?, ?, ?, ?, ?)");
        this.codec = codec;
        this.festivalClock = festivalClock;
        this.tracing = tracing;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public <T> EventEnvelope<T> append(EventType<T> type, String key, T payload) {
        String traceparent = tracing.currentTraceparent();
        EventEnvelope<T> envelope = EventEnvelope.wrap(type, key, festivalClock.instant(), traceparent, payload);
        if (rows.add(type.topic().name(), key, codec.encode(envelope), traceparent, type.key())) {
            committed.wakeAfterCommit();
        }
        return envelope;
    }

    /** Many events of one type in one round trip, for bulk changes such as an import. */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> void appendAll(EventType<T> type, List<Keyed<T>> events) {
        String traceparent = tracing.currentTraceparent();
        for (Keyed<T> e : events) {
            if (rows.add(type.topic().name(), e.key(), codec.encode(EventEnvelope.wrap(type, e.key(),
                    festivalClock.instant(), traceparent, e.payload())), traceparent, type.key())) {
                committed.wakeAfterCommit();
            }
        }
    }

    public record Keyed<T>(String key, T payload) {
    }
}
