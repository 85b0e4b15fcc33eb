package io.singlesday.platform.kafka;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.EventType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.UUID;

/**
 * Turns envelopes into JSON bytes and back. Reading looks up the payload record by (type, version) in the
 * {@link EventCatalog}; anything it cannot read is an {@link UnreadableEventException}, which the consumer
 * defaults send straight to the dead-letter topic instead of retrying.
 */
public final class EventCodec {

    private final JsonMapper mapper;

    public EventCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public byte[] encode(EventEnvelope<?> envelope) {
        return mapper.writeValueAsBytes(envelope);
    }

    public EventEnvelope<?> decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new UnreadableEventException("empty record value");
        }
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (JacksonException e) {
            throw new UnreadableEventException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new UnreadableEventException("not a JSON object");
        }
        String name = text(root, "type");
        int version = root.path("schemaVersion").asInt(0);
        EventType<?> type = EventCatalog.find(name, version)
                .orElseThrow(() -> new UnreadableEventException("unknown event type " + name + " v" + version));
        try {
            Object payload = mapper.treeToValue(required(root, "payload"), type.payloadClass());
            return new EventEnvelope<>(UUID.fromString(text(root, "eventId")), type.name(), type.version(),
                    Instant.parse(text(root, "occurredAt")), text(root, "aggregateKey"),
                    root.path("traceparent").isString() ? root.path("traceparent").asString() : null, payload);
        } catch (JacksonException e) {
            throw new UnreadableEventException("payload of " + type.key() + " unreadable: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            throw new UnreadableEventException("envelope of " + type.key() + " invalid: " + e.getMessage(), e);
        }
    }

    /** Reads a record's value as the payload of one expected type, or says why not. */
    public <T> EventEnvelope<T> decode(byte[] bytes, EventType<T> expected) {
        EventEnvelope<?> envelope = decode(bytes);
        if (!envelope.type().equals(expected.name()) || envelope.schemaVersion() != expected.version()) {
            throw new UnreadableEventException("expected " + expected.key() + " but got "
                    + envelope.type() + "@v" + envelope.schemaVersion());
        }
        @SuppressWarnings("unchecked")
        EventEnvelope<T> typed = (EventEnvelope<T>) envelope;
        return typed;
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new UnreadableEventException("missing field " + field);
        }
        return node;
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = required(root, field);
        if (!node.isString()) {
            throw new UnreadableEventException("field " + field + " is not a string");
        }
        return node.asString();
    }
}
