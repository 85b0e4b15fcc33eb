package io.singlesday.livestream;

import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.testsupport.TopicRecords;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** What the service has sent to a topic, read from the real broker until the expected number have arrived. */
public final class SentRecords {

    private SentRecords() {
    }

    /** Payloads of {@code type} matching {@code mine}, once {@code expected} are there or {@code within} has passed. */
    public static <T> List<T> await(EventCodec codec, String topic, Class<T> type, Predicate<T> mine, int expected,
                                    Duration within) {
        long deadline = System.currentTimeMillis() + within.toMillis();
        List<T> found;
        do {
            found = TopicRecords.readAll(topic, Duration.ofSeconds(2)).stream().map(r -> codec.decode(r.value()).payload())
                    .filter(type::isInstance).map(type::cast).filter(mine).toList();
        } while (found.size() < expected && System.currentTimeMillis() < deadline);
        return found;
    }
}
