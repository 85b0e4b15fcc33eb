package io.singlesday.platform.kafka;

import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.EventType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The event's type and version ({@link EventType#key()}, such as {@code OrderConfirmed@v1}) in a record header, so a
 * consumer can pass over the records it does not act on without decoding them. The envelope inside stays the truth:
 * a record without the header (written before headers existed, or by a producer that does not set it) is decoded
 * and judged by its envelope, so the header can only save work, never change what is applied.
 */
public final class EventTypeHeader {

    public static final String NAME = "festival-event-type";

    private EventTypeHeader() {
    }

    public static void add(Headers headers, String typeKey) {
        if (typeKey != null) {
            headers.add(NAME, typeKey.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The type key the record's header names, or null when it has none. */
    public static String of(ConsumerRecord<?, ?> record) {
        return of(record.headers());
    }

    public static String of(Headers headers) {
        Header header = headers.lastHeader(NAME);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A consumer's choice of event types, checked on the header before decoding and on the envelope after. */
    public static Wanted anyOf(EventType<?>... types) {
        return new Wanted(Arrays.stream(types).map(EventType::key).collect(Collectors.toUnmodifiableSet()));
    }

    public record Wanted(Set<String> keys) {

        /** False only when the header names a type outside the choice; a record without the header may be wanted. */
        public boolean mayWant(ConsumerRecord<?, ?> record) {
            return mayWant(record.headers());
        }

        public boolean mayWant(Headers headers) {
            String key = of(headers);
            return key == null || keys.contains(key);
        }

        public boolean wants(EventEnvelope<?> event) {
            return keys.contains(event.type() + "@v" + event.schemaVersion());
        }
    }
}
