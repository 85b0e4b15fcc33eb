package io.singlesday.platform.inbox;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.UUID;

/**
 * Makes a Kafka consumer idempotent: call {@link #firstDelivery} inside the transaction that applies the
 * event. The insert and the change commit together, so an event is applied exactly once however often it
 * arrives; a rolled-back change also forgets that the event was seen.
 */
public class ProcessedEvents {

    private final JdbcTemplate jdbc;

    public ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True the first time this consumer sees this event id; false for every redelivery. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        return jdbc.update("insert into processed_events (consumer, event_id) values (?, ?) on conflict do nothing",
                consumer, eventId) == 1;
    }
}
