package io.singlesday.order.catalog;

import io.singlesday.order.OrderIntegrationTest;
import io.singlesday.testsupport.TopicRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog read model takes records a poll at a time; an unreadable one is dead-lettered, the rest applied. */
class CatalogReadModelTest extends OrderIntegrationTest {

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndTheRecordsAroundItAreApplied() throws Exception {
        String key = "garbage-" + UUID.randomUUID();
        Sku before = listSku(UUID.randomUUID(), UUID.randomUUID(), 1_000);
        try (KafkaProducer<String, byte[]> producer = TopicRecords.producer()) {
            producer.send(new ProducerRecord<>("catalog.products", key, "{not json".getBytes(StandardCharsets.UTF_8))).get();
        }
        Sku after = listSku(UUID.randomUUID(), UUID.randomUUID(), 2_000);

        assertThat(sql.sql("select count(*) from catalog_skus where sku_id in (?, ?)").params(before.id(), after.id())
                .query(Integer.class).single()).isEqualTo(2);
        long deadline = System.currentTimeMillis() + 30_000;
        boolean deadLettered = false;
        while (!deadLettered && System.currentTimeMillis() < deadline) {
            deadLettered = !TopicRecords.valuesFor("catalog.products.dlt", key, Duration.ofSeconds(3)).isEmpty();
        }
        assertThat(deadLettered).as("the unreadable record is on catalog.products.dlt").isTrue();
    }
}
