package io.singlesday.platform.kafka;

import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.EventType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends an event straight to its topic and waits for the broker's acknowledgement. For events that follow a
 * database change, write them through an outbox in the same transaction instead: this is for events that are
 * the change themselves (a clock setting, a command).
 */
public class EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;
    private final Clock festivalClock;
    private final io.singlesday.platform.tracing.TraceHop traces;

    public EventPublisher(KafkaTemplate<String, byte[]> kafka, EventCodec codec, Clock festivalClock,
                          io.singlesday.platform.tracing.TraceHop traces) {
        this.kafka = kafka;
        this.codec = codec;
        this.festivalClock = festivalClock;
        this.traces = traces;
    }

    public <T> EventEnvelope<T> publish(EventType<T> type, String key, T payload, Duration timeout) {
        EventEnvelope<T> envelope = EventEnvelope.wrap(type, key, festivalClock.instant(), currentTraceparent(), payload);
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic().name(), key, codec.encode(envelope));
            EventTypeHeader.add(record.headers(), type.key());
            SendResult<String, byte[]> ignored = kafka.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return envelope;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventNotPublishedException(type, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EventNotPublishedException(type, e);
        }
    }

    /** The W3C traceparent of the current span, so the trace continues behind the topic. */
    public String currentTraceparent() {
        return traces.current();
    }

    public static class EventNotPublishedException extends RuntimeException {
        public EventNotPublishedException(EventType<?> type, Throwable cause) {
            super("could not publish " + type.key() + " to " + type.topic().name(), cause);
        }
    }
}
