package io.singlesday.catalog.stock;

import io.singlesday.catalog.CatalogIntegrationTest;
import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.catalog.StockLevelChanged;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.EventType;
import io.singlesday.contracts.stock.CommitStock;
import io.singlesday.contracts.stock.HoldDropStock;
import io.singlesday.contracts.stock.ReleaseUnsoldStock;
import io.singlesday.contracts.stock.ReserveStock;
import io.singlesday.contracts.stock.StockLine;
import io.singlesday.contracts.topics.Topics;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.platform.kafka.EventTypeHeader;
import io.singlesday.testsupport.TopicRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog as the order saga meets it: commands in on Kafka, replies out through the outbox. */
class StockSagaParticipantTest extends CatalogIntegrationTest {

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcClient sql;

    @Test
    void answersReserveCommandsOnTheRepliesTopicAndRepeatsTheAnswerForADuplicate() throws Exception {
        OpenBrand brand = openBrand("IT");
        UUID sku = product(brand, "Panettone 1 kg", 12_800, 5, 703)[1];
        UUID fits = UUID.randomUUID();
        UUID tooMany = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        send(new ReserveStock(fits, List.of(new StockLine(sku, 2))));
        send(new ReserveStock(fits, List.of(new StockLine(sku, 2))));
        send(new ReserveStock(tooMany, List.of(new StockLine(sku, 4))));
        send(new ReserveStock(unknown, List.of(new StockLine(UUID.randomUUID(), 1))));
        try (KafkaProducer<String, byte[]> raw = producer()) {
            raw.send(new ProducerRecord<>(Topics.CATALOG_STOCK_COMMANDS.name(), "x", "garbage".getBytes(StandardCharsets.UTF_8))).get();
        }

        List<String> replies = repliesFor(List.of(fits, tooMany, unknown), 4);
        assertThat(replies).filteredOn(r -> r.contains(fits.toString())).hasSize(2)
                .allSatisfy(r -> assertThat(r).contains("StockReserved"));
        assertThat(replies).filteredOn(r -> r.contains(tooMany.toString())).singleElement()
                .satisfies(r -> assertThat(r).contains("StockReservationRejected").contains("INSUFFICIENT_STOCK"));
        assertThat(replies).filteredOn(r -> r.contains(unknown.toString())).singleElement()
                .satisfies(r -> assertThat(r).contains("UNKNOWN_SKU"));
    }

    @Test
    void aLevelIsAnnouncedOnlyWhereAShopperWouldSeeItChange() throws Exception {
        OpenBrand brand = openBrand("IT");
        UUID[] product = product(brand, "Pandoro 750 g", 9_900, 14, 703);
        UUID plenty = UUID.randomUUID();
        UUID low = UUID.randomUUID();
        UUID last = UUID.randomUUID();
        // One after another: commands for different orders may be taken by different consumers in any order.
        send(new ReserveStock(plenty, List.of(new StockLine(product[1], 2))));
        assertThat(repliesFor(List.of(plenty), 1)).singleElement().asString().contains("StockReserved");
        send(new ReserveStock(low, List.of(new StockLine(product[1], 3))));
        assertThat(repliesFor(List.of(low), 1)).singleElement().asString().contains("StockReserved");
        send(new ReserveStock(last, List.of(new StockLine(product[1], 9))));
        assertThat(repliesFor(List.of(last), 1)).singleElement().asString().contains("StockReserved");

        long deadline = System.currentTimeMillis() + 30_000;
        List<Integer> announced = List.of();
        while (System.currentTimeMillis() < deadline && announced.size() < 2) {
            announced = TopicRecords.readAll(Topics.CATALOG_PRODUCTS.name(), Duration.ofSeconds(3)).stream()
                    .filter(r -> product[0].toString().equals(r.key()))
                    .map(r -> codec.decode(r.value()).payload())
                    .filter(StockLevelChanged.class::isInstance).map(e -> ((StockLevelChanged) e).available()).toList();
        }
        // 14 -> 12 among plenty says nothing; 12 -> 9 runs low and 9 -> 0 sells out.
        assertThat(announced).containsExactly(9, 0);
    }

    @Test
    void aDropsAnswersTravelApartFromTheSagasSoNeitherReadsTheOthers() throws Exception {
        OpenBrand brand = openBrand("IT");
        UUID sku = product(brand, "Amaretti 500 g", 3_900, 30, 703)[1];
        UUID drop = UUID.randomUUID();
        UUID greedyDrop = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        send(EventCatalog.HOLD_DROP_STOCK, drop.toString(), new HoldDropStock(drop, List.of(new StockLine(sku, 10))));
        send(EventCatalog.HOLD_DROP_STOCK, greedyDrop.toString(), new HoldDropStock(greedyDrop, List.of(new StockLine(sku, 25))));
        send(new ReserveStock(order, List.of(new StockLine(sku, 1))));

        List<String> dropAnswers = repliesFor(Topics.CATALOG_DROP_STOCK_REPLIES.name(), List.of(drop, greedyDrop), 2);
        assertThat(dropAnswers).filteredOn(r -> r.contains(drop.toString())).singleElement().asString().contains("DropStockHeld");
        assertThat(dropAnswers).filteredOn(r -> r.contains(greedyDrop.toString())).singleElement().asString()
                .contains("DropStockRefused").contains("INSUFFICIENT_STOCK");
        assertThat(repliesFor(List.of(order), 1)).singleElement().asString().contains("StockReserved");
        assertThat(TopicRecords.readAll(Topics.CATALOG_DROP_STOCK_REPLIES.name(), Duration.ofSeconds(3)).stream()
                .filter(r -> drop.toString().equals(r.key())).map(EventTypeHeader::of))
                .as("the relay names the type in a header, so readers may skip without decoding")
                .containsExactly(EventCatalog.DROP_STOCK_HELD.key());

        send(EventCatalog.RELEASE_UNSOLD_STOCK, drop.toString(), new ReleaseUnsoldStock(drop, 4));
        assertThat(repliesFor(Topics.CATALOG_DROP_STOCK_REPLIES.name(), List.of(drop), 2)).filteredOn(r -> r.contains("DropStockReleased"))
                .singleElement().asString().contains("\"units\":6");
        assertThat(repliesFor(List.of(drop, greedyDrop), 0)).as("the saga's topic carries no drop's answer").isEmpty();
        assertThat(repliesFor(Topics.CATALOG_DROP_STOCK_REPLIES.name(), List.of(order), 0)).as("nor the drops' an order's").isEmpty();
    }

    @Test
    void aBurstOfCommandsInOnePollIsAnsweredAsIfEachHadItsOwnTransaction() throws Exception {
        OpenBrand brand = openBrand("IT");
        UUID plenty = product(brand, "Torrone 200 g", 1_900, 5, 703)[1];
        UUID scarce = product(brand, "Cantucci 1 kg", 2_900, 1, 703)[1];
        UUID first = UUID.randomUUID();
        UUID refused = UUID.randomUUID();
        UUID last = UUID.randomUUID();
        // One key, one producer: the commands reach one partition together, in this order, and one poll takes them.
        List<Object> burst = List.of(
                new ReserveStock(first, List.of(new StockLine(plenty, 2))),
                new ReserveStock(refused, List.of(new StockLine(plenty, 2), new StockLine(scarce, 2))),
                new ReserveStock(last, List.of(new StockLine(plenty, 3))),
                new CommitStock(first),
                new ReserveStock(first, List.of(new StockLine(plenty, 2))));
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (Object command : burst) {
                EventEnvelope<?> envelope = command instanceof CommitStock commit
                        ? EventEnvelope.wrap(EventCatalog.COMMIT_STOCK, "burst", Instant.now(), null, commit)
                        : EventEnvelope.wrap(EventCatalog.RESERVE_STOCK, "burst", Instant.now(), null, (ReserveStock) command);
                producer.send(new ProducerRecord<>(Topics.CATALOG_STOCK_COMMANDS.name(), "burst", codec.encode(envelope)));
            }
            producer.flush();
        }

        List<String> replies = repliesFor(List.of(first, refused, last), 4);
        assertThat(replies).filteredOn(r -> r.contains(first.toString())).as("the repeated hold is answered again")
                .hasSize(2).allSatisfy(r -> assertThat(r).contains("StockReserved"));
        assertThat(replies).filteredOn(r -> r.contains(refused.toString())).singleElement().asString()
                .contains("StockReservationRejected").contains("INSUFFICIENT_STOCK").contains(scarce.toString());
        assertThat(replies).filteredOn(r -> r.contains(last.toString())).as("the refused order gave back the units it took")
                .singleElement().asString().contains("StockReserved");
        assertThat(sql.sql("select stock, reserved from skus where id = ?").param(plenty)
                .query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2))).single()).as("sold 2, 3 held").containsExactly(3, 3);
        assertThat(sql.sql("select stock, reserved from skus where id = ?").param(scarce)
                .query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2))).single()).containsExactly(1, 0);
        assertThat(sql.sql("select count(*) from stock_reservations where order_id = ?").param(refused).query(Integer.class).single())
                .isZero();
        assertThat(repliesFor(List.of(first), 0)).as("a sale is not acknowledged: nobody acts on it")
                .noneMatch(r -> r.contains("StockCommitted"));
    }

    private void send(ReserveStock command) throws Exception {
        send(EventCatalog.RESERVE_STOCK, command.orderId().toString(), command);
    }

    private <T> void send(EventType<T> type, String key, T command) throws Exception {
        EventEnvelope<T> envelope = EventEnvelope.wrap(type, key, Instant.now(), null, command);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(type.topic().name(), key, codec.encode(envelope))).get();
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return TopicRecords.producer();
    }

    private static List<String> repliesFor(List<UUID> orders, int expected) {
        return repliesFor(Topics.CATALOG_STOCK_REPLIES.name(), orders, expected);
    }

    /** Waits for at least {@code expected} answers; with none expected, reads the topic once as it stands. */
    private static List<String> repliesFor(String topic, List<UUID> orders, int expected) {
        long deadline = System.currentTimeMillis() + 30_000;
        List<String> found = null;
        while (found == null || (System.currentTimeMillis() < deadline && found.size() < expected)) {
            found = TopicRecords.readAll(topic, Duration.ofSeconds(3)).stream()
                    .filter(r -> orders.stream().anyMatch(o -> o.toString().equals(r.key())))
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        }
        return found;
    }
}
