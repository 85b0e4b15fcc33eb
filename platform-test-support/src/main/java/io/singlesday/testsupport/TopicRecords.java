package io.singlesday.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads a topic of the shared test broker from the beginning, as a fresh consumer group would. */
public final class TopicRecords {

    private TopicRecords() {
    }

    /** Every record on the topic now, read until the end offsets are reached or {@code within} has passed. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String topic, Duration within) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealEngines.shared().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.currentTimeMillis() + within.toMillis();
            while (System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (!consumer.assignment().isEmpty() && consumer.assignment().stream()
                        .allMatch(tp -> consumer.position(tp) >= consumer.endOffsets(List.of(tp)).get(tp))) {
                    break;
                }
            }
            return records;
        }
    }

    /** The values of the records with this key, as text. */
    public static List<String> valuesFor(String topic, String key, Duration within) {
        return readAll(topic, within).stream().filter(r -> key.equals(r.key()))
                .map(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    public static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", RealEngines.shared().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }
}
