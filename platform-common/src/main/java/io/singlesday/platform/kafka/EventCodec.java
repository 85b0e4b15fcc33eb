package io.singlesday.platform.kafka;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.EventType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns envelopes into JSON bytes and back. Reading looks up the payload record by (type, version) in the
 * {@link EventCatalog}; anything it cannot read is an {@link UnreadableEventException}, which the consumer
 * defaults send straight to the dead-letter topic instead of retrying.
 */
public final class EventCodec {

    private final JsonMapper mapper;
    /** Readers of a payload inside the envelope: the envelope's own closing brace follows, so no trailing check. */
    private final Map<Class<?>, ObjectReader> payloadReaders = new ConcurrentHashMap<>();
    private final ObjectReader treeReader;

    public EventCodec(JsonMapper mapper) {
        this.mapper = mapper;
        this.treeReader = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public byte[] encode(EventEnvelope<?> envelope) {
        return mapper.writeValueAsBytes(envelope);
    }

    /**
     * One pass over the bytes: the envelope's fields are read as they come, and the payload, which writers put last,
     * is bound straight to its record once the type before it is known (on every consumer's hot path, this halves
     * the work of building a tree first and binding it after). An envelope whose payload comes before its type is
     * still read, through a tree.
     */
    public EventEnvelope<?> decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new UnreadableEventException("empty record value");
        }
        String eventId = null;
        String typeName = null;
        int version = 0;
        String occurredAt = null;
        String aggregateKey = null;
        String traceparent = null;
        EventType<?> type = null;
        Object payload = null;
        JsonNode payloadTree = null;
        try (JsonParser parser = mapper.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new UnreadableEventException("not a JSON object");
            }
            for (String field = parser.nextName(); field != null; field = parser.nextName()) {
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "eventId" -> eventId = string(parser, token, field);
                    case "type" -> typeName = string(parser, token, field);
                    case "schemaVersion" -> version = token.isScalarValue() ? parser.getValueAsInt(0) : skip(parser);
                    case "occurredAt" -> occurredAt = string(parser, token, field);
                    case "aggregateKey" -> aggregateKey = string(parser, token, field);
                    case "traceparent" -> traceparent = token == JsonToken.VALUE_STRING ? parser.getString() : skipNull(parser);
                    case "payload" -> {
                        if (token == JsonToken.VALUE_NULL) {
                            payload = null;
                            payloadTree = null;
                        } else if (typeName != null) {
                            type = typeOf(typeName, version);
                            payload = bind(parser, type);
                        } else {
                            payloadTree = treeReader.readTree(parser);
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new UnreadableEventException("not JSON: content after the envelope");
            }
        } catch (UnreadableEventException e) {
            throw e;
        } catch (JacksonException e) {
            throw new UnreadableEventException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (typeName == null) {
            throw new UnreadableEventException("missing field type");
        }
        if (type == null) {
            type = typeOf(typeName, version);
        }
        if (payload == null) {
            if (payloadTree == null) {
                throw new UnreadableEventException("missing field payload");
            }
            try {
                payload = mapper.treeToValue(payloadTree, type.payloadClass());
            } catch (JacksonException e) {
                throw new UnreadableEventException("payload of " + type.key() + " unreadable: " + e.getOriginalMessage(), e);
            }
        }
        try {
            return new EventEnvelope<>(UUID.fromString(present(eventId, "eventId")), type.name(), type.version(),
                    Instant.parse(present(occurredAt, "occurredAt")), present(aggregateKey, "aggregateKey"), traceparent,
                    payload);
        } catch (UnreadableEventException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnreadableEventException("envelope of " + type.key() + " invalid: " + e.getMessage(), e);
        }
    }

    private static EventType<?> typeOf(String name, int version) {
        return EventCatalog.find(name, version)
                .orElseThrow(() -> new UnreadableEventException("unknown event type " + name + " v" + version));
    }

    private Object bind(JsonParser parser, EventType<?> type) {
        try {
            return payloadReaders.computeIfAbsent(type.payloadClass(),
                    c -> mapper.readerFor(c).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)).readValue(parser);
        } catch (JacksonException e) {
            throw new UnreadableEventException("payload of " + type.key() + " unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private static String string(JsonParser parser, JsonToken token, String field) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            parser.skipChildren();
            throw new UnreadableEventException("field " + field + " is not a string");
        }
        return parser.getString();
    }

    private static int skip(JsonParser parser) {
        parser.skipChildren();
        return 0;
    }

    private static String skipNull(JsonParser parser) {
        parser.skipChildren();
        return null;
    }

    private static String present(String value, String field) {
        if (value == null) {
            throw new UnreadableEventException("missing field " + field);
        }
        return value;
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
}
