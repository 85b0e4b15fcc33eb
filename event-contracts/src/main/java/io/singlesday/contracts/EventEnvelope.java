package io.singlesday.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The one wrapper every event travels in. Consumers deduplicate by {@code eventId}; {@code type} and
 * {@code schemaVersion} select the payload record through {@link EventCatalog}; {@code traceparent} carries
 * the W3C trace context of the request that caused the event, so a trace survives the hop through Kafka.
 */
public record EventEnvelope<T>(
        UUID eventId,
        String type,
        int schemaVersion,
        Instant occurredAt,
        String aggregateKey,
        String traceparent,
        T payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(aggregateKey, "aggregateKey");
        Objects.requireNonNull(payload, "payload");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be >= 1");
        }
    }

    public static <T> EventEnvelope<T> wrap(EventType<T> type, String aggregateKey, Instant occurredAt,
                                            String traceparent, T payload) {
        return new EventEnvelope<>(UUID.randomUUID(), type.name(), type.version(), occurredAt, aggregateKey,
                traceparent, payload);
    }
}
