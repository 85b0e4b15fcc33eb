package io.singlesday.catalog.ranking;

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
import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.TopicRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The best-sellers sort on the real engines: fed by order events, net of returns, once per event, and windowed. */
class SalesRankingTest extends CatalogIntegrationTest {

    @Autowired
    EventCodec codec;
    @Autowired
    FestivalClock clock;
    @Autowired
    SalesRanking ranking;

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\",\"title\"");

    @Test
    void bestSellersComeFirstNetOfReturnsAndLeaveTheRankingWhenTheirDaysLeaveTheWindow() throws Exception {
        OpenBrand brand = openBrand("FR");
        UUID[] macaron = product(brand, "Macaron tower", 9_900, 100, 301);
        UUID[] cheese = product(brand, "Comte 24 months", 19_900, 100, 301);
        UUID[] wine = product(brand, "Bordeaux 2019", 29_900, 100, 301);
        Instant now = clock.instant();
        EventEnvelope<OrderConfirmed> wineSale = sale(brand.id(), wine, 9, now);
        try (KafkaProducer<String, byte[]> producer = TopicRecords.producer()) {
            send(producer, sale(brand.id(), macaron, 5, now));
            send(producer, sale(brand.id(), cheese, 2, now));
            send(producer, wineSale);
            send(producer, wineSale); // the same event again counts once
            send(producer, refund(brand.id(), wineSale.payload(), 6, now));
        }
        String path = "/api/catalog/products?brand=" + brand.id() + "&sort=sales";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ids(call("GET", path, null, null))).containsExactly(macaron[0], wine[0], cheese[0]));
        Thread.sleep(1_000);
        HttpResponse<String> ranked = call("GET", path, null, null);
        assertThat(ids(ranked)).containsExactly(macaron[0], wine[0], cheese[0]);
        assertThat(ranked.body()).contains("\"recentUnits\":5").contains("\"recentUnits\":3").contains("\"recentUnits\":2");

        // A page at a time, the next page goes on after the last one's place.
        HttpResponse<String> first = call("GET", path + "&limit=2", null, null);
        assertThat(ids(first)).containsExactly(macaron[0], wine[0]);
        assertThat(ids(call("GET", path + "&limit=2&after=" + wine[0], null, null))).containsExactly(cheese[0]);

        FestivalClockChanged before = clock.setting();
        try {
            clock.apply(new FestivalClockChanged(Instant.now(), now.plus(Duration.ofDays(8)), 1, "test"));
            ranking.sweep(); // or the scheduled sweep did it first: the ranking below is what counts
            HttpResponse<String> later = call("GET", path, null, null);
            assertThat(later.body()).doesNotContain("\"recentUnits\":5").doesNotContain("\"recentUnits\":3");
            assertThat(ids(later)).containsExactlyInAnyOrder(macaron[0], wine[0], cheese[0]);
            assertThat(ranking.sweep()).as("a day leaves the window once").isZero();
        } finally {
            clock.apply(new FestivalClockChanged(Instant.now(), before.festivalAnchor().plus(
                    Duration.between(before.wallAnchor(), Instant.now())), before.speed(), "test-restore"));
        }
        // The clock set back: the days are in the window again.
        ranking.sweep();
        assertThat(ids(call("GET", path, null, null))).containsExactly(macaron[0], wine[0], cheese[0]);
    }

    @Test
    void anUnknownSortIsAProblemNamingTheParameter() throws Exception {
        HttpResponse<String> answer = call("GET", "/api/catalog/products?sort=bogus", null, null);
        Http.assertProblem(answer, 400);
        assertThat(answer.body()).contains("sort").doesNotContain("java.lang", "Exception");
    }

    private static List<UUID> ids(HttpResponse<String> page) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<UUID> ids = new ArrayList<>();
        Matcher m = ID.matcher(page.body());
        while (m.find()) {
            ids.add(UUID.fromString(m.group(1)));
        }
        return ids;
    }

    private static EventEnvelope<OrderConfirmed> sale(UUID brand, UUID[] product, int units, Instant at) {
        UUID orderId = UUID.randomUUID();
        long paid = 1_000L * units;
        OrderConfirmed confirmed = new OrderConfirmed(orderId, UUID.randomUUID(), "shopper", UUID.randomUUID(), brand,
                OrderConfirmed.Channel.APP, null, OrderConfirmed.Device.MOBILE, "Hangzhou", "Zhejiang", at,
                Money.fen(paid), Money.fen(0), Money.fen(paid), List.of(new OrderConfirmed.Line(product[1], product[0],
                brand, 301, "FR", units, Money.fen(paid), Money.fen(0), Money.fen(paid))));
        return EventEnvelope.wrap(EventCatalog.ORDER_CONFIRMED, orderId.toString(), at, null, confirmed);
    }

    private static EventEnvelope<OrderRefunded> refund(UUID brand, OrderConfirmed sale, int units, Instant at) {
        OrderConfirmed.Line line = sale.lines().getFirst();
        OrderRefunded refunded = new OrderRefunded(UUID.randomUUID(), sale.orderId(), sale.checkoutId(), "shopper",
                sale.storeId(), brand, null, sale.confirmedAt(), at, Money.fen(1_000L * units), false,
                List.of(new OrderRefunded.Line(1, line.skuId(), line.productId(), brand, 301, units, Money.fen(1_000L * units))));
        return EventEnvelope.wrap(EventCatalog.ORDER_REFUNDED, sale.orderId().toString(), at, null, refunded);
    }

    private void send(KafkaProducer<String, byte[]> producer, EventEnvelope<?> event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.ORDERS_EVENTS.name(), event.aggregateKey(), codec.encode(event))).get();
    }
}
