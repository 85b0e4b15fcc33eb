package io.singlesday.catalog.onboarding;

import io.singlesday.catalog.CatalogIntegrationTest;
import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.clock.FestivalClockChanged;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.orders.OrderRefunded;
import io.singlesday.contracts.topics.Topics;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.testsupport.TopicRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IncubationTest extends CatalogIntegrationTest {

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcClient sql;

    @Autowired
    FestivalClock clock;

    @Autowired
    IncubationLedger ledger;

    @Test
    void confirmedOrdersFillTheIncubationOnceEachAndTheTargetLowersTheCommission() throws Exception {
        OpenBrand brand = openBrand("DE");
        OpenBrand bystander = openBrand("FR");
        EventEnvelope<OrderConfirmed> big = order(brand.id(), 60_000_000, clock.instant());
        try (KafkaProducer<String, byte[]> producer = TopicRecords.producer()) {
            send(producer, big);
            send(producer, big);
            send(producer, order(brand.id(), 45_000_000, clock.instant()));
            send(producer, order(bystander.id(), 1_000, clock.instant()));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(call("GET", "/api/catalog/brand/incubation", brand.token(), null).body())
                        .contains("\"minor\":105000000").contains("\"percent\":100").contains("\"targetReached\":true"));
        assertThat(sql.sql("select commission_bp from brands where id = ?").param(brand.id()).query(Integer.class).single())
                .isEqualTo(300);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(call("GET", "/api/catalog/brand/incubation", bystander.token(), null).body()).contains("\"minor\":1000"));
        assertThat(sql.sql("select commission_bp from brands where id = ?").param(bystander.id()).query(Integer.class).single())
                .isEqualTo(500);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(brandEvents(brand.id()))
                .singleElement().satisfies(e -> assertThat(e).contains("IncubationTargetReached").contains("\"commissionBp\":300")));
    }

    @Test
    void aRefundTakesItsAmountBackOutOfTheIncubationOnceAndItsUnitsGoBackOnSale() throws Exception {
        OpenBrand brand = openBrand("IT");
        UUID[] product = product(brand, "Refundable espresso", 12_345, 10, 301);
        UUID sku = product[1];
        EventEnvelope<OrderConfirmed> sale = order(brand.id(), 80_000, clock.instant());
        OrderConfirmed confirmed = sale.payload();
        OrderRefunded refunded = new OrderRefunded(UUID.randomUUID(), confirmed.orderId(), confirmed.checkoutId(), "shopper",
                confirmed.storeId(), brand.id(), null, confirmed.confirmedAt(), clock.instant(), Money.fen(30_001), false,
                List.of(new OrderRefunded.Line(1, sku, product[0], brand.id(), 301, 3, Money.fen(30_001))));
        EventEnvelope<OrderRefunded> refund = EventEnvelope.wrap(EventCatalog.ORDER_REFUNDED, confirmed.orderId().toString(),
                clock.instant(), null, refunded);
        try (KafkaProducer<String, byte[]> producer = TopicRecords.producer()) {
            send(producer, sale);
            send(producer, refund);
            send(producer, refund); // delivered twice: counted once
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(call("GET", "/api/catalog/brand/incubation", brand.token(), null).body()).contains("\"minor\":49999");
            assertThat(sql.sql("select stock from skus where id = ?").param(sku).query(Integer.class).single()).isEqualTo(13);
        });
        Thread.sleep(1_000);
        assertThat(call("GET", "/api/catalog/brand/incubation", brand.token(), null).body()).contains("\"minor\":49999");
        assertThat(sql.sql("select stock from skus where id = ?").param(sku).query(Integer.class).single()).isEqualTo(13);
    }

    private static List<String> brandEvents(UUID brand) {
        return TopicRecords.valuesFor(Topics.CATALOG_BRANDS.name(), brand.toString(), Duration.ofSeconds(3));
    }

    @Test
    void onTheTwentyFirstTheBestIncubationBrandsOfLastMonthWinALivestreamSlotOnce() throws Exception {
        OpenBrand brand = openBrand("KR");
        ZonedDateTime now = clock.now();
        ledger.onOrderConfirmed(UUID.randomUUID(), order(brand.id(), 990_000_000, now.toInstant()).payload());
        FestivalClockChanged before = clock.setting();
        try {
            ZonedDateTime twentyFirst = now.plusMonths(1).withDayOfMonth(21).withHour(10);
            clock.apply(new FestivalClockChanged(Instant.now(), twentyFirst.toInstant(), 1, "test"));
            List<?> first = ledger.awardIfDue();
            assertThat(first).isNotEmpty();
            assertThat(first.getFirst().toString()).contains(brand.id().toString()).contains("rank=1");
            assertThat(ledger.awardIfDue()).as("the same day again awards nobody twice").isEmpty();
            assertThat(sql.sql("select count(*) from livestream_awards where brand_id = ?").param(brand.id())
                    .query(Integer.class).single()).isEqualTo(1);
            clock.apply(new FestivalClockChanged(Instant.now(), twentyFirst.plusDays(1).toInstant(), 1, "test"));
            assertThat(ledger.awardIfDue()).as("only on the 21st").isEmpty();
        } finally {
            clock.apply(new FestivalClockChanged(Instant.now(), before.festivalAnchor().plus(
                    Duration.between(before.wallAnchor(), Instant.now())), before.speed(), "test-restore"));
        }
    }

    private static EventEnvelope<OrderConfirmed> order(UUID brand, long paidFen, Instant at) {
        UUID orderId = UUID.randomUUID();
        OrderConfirmed confirmed = new OrderConfirmed(orderId, UUID.randomUUID(), "shopper", UUID.randomUUID(), brand,
                OrderConfirmed.Channel.APP, null, OrderConfirmed.Device.MOBILE, "Hangzhou", "Zhejiang", at,
                Money.fen(paidFen), Money.fen(0), Money.fen(paidFen), List.of(new OrderConfirmed.Line(UUID.randomUUID(),
                UUID.randomUUID(), brand, 301, "DE", 1, Money.fen(paidFen), Money.fen(0), Money.fen(paidFen))));
        return EventEnvelope.wrap(EventCatalog.ORDER_CONFIRMED, orderId.toString(), at, null, confirmed);
    }

    private void send(KafkaProducer<String, byte[]> producer, EventEnvelope<?> event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.ORDERS_EVENTS.name(), event.aggregateKey(), codec.encode(event))).get();
    }

}
