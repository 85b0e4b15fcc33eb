package io.singlesday.livestream;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.stock.DropStockHeld;
import io.singlesday.contracts.stock.DropStockRefused;
import io.singlesday.contracts.stock.HoldDropStock;
import io.singlesday.contracts.stock.StockReservationRejected;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.testsupport.RealEngines;
import io.singlesday.testsupport.TopicRecords;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The catalog's side of the stock reservation, played over the real broker for the livestream service's own
 * tests (the catalog itself answers in the end-to-end test): every SKU holds {@code stockPerSku} units.
 */
public final class CatalogStockStandIn implements AutoCloseable {

    private final EventCodec codec;
    private final int stockPerSku;
    private final Thread loop;
    private volatile boolean running = true;

    public CatalogStockStandIn(EventCodec codec, int stockPerSku) {
        this.codec = codec;
        this.stockPerSku = stockPerSku;
        this.loop = Thread.ofPlatform().daemon().name("catalog-stand-in").start(this::answer);
    }

    private void answer() {
        try (KafkaConsumer<String, byte[]> commands = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealEngines.shared().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "catalog-stand-in-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> replies = TopicRecords.producer()) {
            commands.subscribe(List.of("catalog.stock.commands"));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : commands.poll(Duration.ofMillis(100))) {
                    if (codec.decode(record.value()).payload() instanceof HoldDropStock hold) {
                        boolean fits = hold.lines().stream().allMatch(line -> line.quantity() <= stockPerSku);
                        EventEnvelope<?> reply = fits
                                ? EventEnvelope.wrap(EventCatalog.DROP_STOCK_HELD, record.key(), Instant.now(), null,
                                        new DropStockHeld(hold.dropId(), hold.lines()))
                                : EventEnvelope.wrap(EventCatalog.DROP_STOCK_REFUSED, record.key(), Instant.now(), null,
                                        new DropStockRefused(hold.dropId(),
                                                StockReservationRejected.Reason.INSUFFICIENT_STOCK, hold.lines().getFirst().skuId()));
                        replies.send(new ProducerRecord<>(EventCatalog.DROP_STOCK_HELD.topic().name(), record.key(),
                                codec.encode(reply)));
                    }
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        loop.join(5_000);
    }
}
