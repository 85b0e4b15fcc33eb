package io.singlesday.livestream.stats;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.orders.OrderCancelled;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.livestream.audience.Audience;
import io.singlesday.livestream.session.SessionState;
import io.singlesday.livestream.session.Sessions;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.testsupport.TopicRecords;
import io.singlesday.testsupport.WithRealEngines;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A session's sales from the order events: each order once, cancellations taken back, sessions ranked by GMV. */
@SpringBootTest
@WithRealEngines(database = "livestream")
class SessionSalesTest {

    @Autowired
    EventCodec codec;
    @Autowired
    Sessions sessions;
    @Autowired
    Audience audience;
    @Autowired
    SessionSales sales;

    private UUID liveSession(String title) {
        Sessions.Channel channel = sessions.openChannel(new Sessions.ChannelRequest("Sales", "Li"));
        UUID id = sessions.schedule(channel.id(), new Sessions.SessionRequest(title, Sessions.Kind.REGULAR, Instant.now())).id();
        sessions.move(id, SessionState.LIVE);
        return id;
    }

    private static OrderConfirmed order(UUID session, String shopper, long fen, int units) {
        UUID brand = UUID.randomUUID();
        return new OrderConfirmed(UUID.randomUUID(), UUID.randomUUID(), shopper, UUID.randomUUID(), brand,
                OrderConfirmed.Channel.LIVESTREAM, session.toString(), OrderConfirmed.Device.MOBILE, "Hangzhou", "Zhejiang",
                Instant.now(), Money.fen(fen), Money.fen(0), Money.fen(fen),
                List.of(new OrderConfirmed.Line(UUID.randomUUID(), UUID.randomUUID(), brand, 301, "CN", units, Money.fen(fen),
                        Money.fen(0), Money.fen(fen))));
    }

    private void publish(KafkaProducer<String, byte[]> producer, Object payload, String key) throws Exception {
        EventEnvelope<?> envelope = payload instanceof OrderConfirmed confirmed
                ? EventEnvelope.wrap(EventCatalog.ORDER_CONFIRMED, key, Instant.now(), null, confirmed)
                : EventEnvelope.wrap(EventCatalog.ORDER_CANCELLED, key, Instant.now(), null, (OrderCancelled) payload);
        producer.send(new ProducerRecord<>("orders.events", key, codec.encode(envelope))).get();
    }

    @Test
    void eachOrderCountsOnceAndACancellationTakesItBack() throws Exception {
        UUID cakes = liveSession("Cakes " + UUID.randomUUID());
        UUID perfume = liveSession("Perfume " + UUID.randomUUID());
        audience.join(cakes, "amy");
        audience.join(cakes, "ben");
        audience.join(cakes, "cai");
        audience.join(cakes, "dee");
        OrderConfirmed first = order(cakes, "amy", 9_900, 1);
        OrderConfirmed second = order(cakes, "ben", 19_800, 2);
        OrderConfirmed regretted = order(cakes, "ben", 5_000, 1);
        try (KafkaProducer<String, byte[]> producer = TopicRecords.producer()) {
            for (OrderConfirmed o : List.of(first, second, regretted)) {
                publish(producer, o, o.orderId().toString());
            }
            // The outbox published one confirmation twice (another event id): it adds nothing.
            publish(producer, first, first.orderId().toString());
            publish(producer, new OrderCancelled(regretted.orderId(), regretted.checkoutId(), "ben", regretted.storeId(),
                    regretted.brandId(), cakes.toString(), OrderCancelled.Reason.SHOPPER_CANCELLED, "changed mind", Instant.now(),
                    true, regretted.lines()), regretted.orderId().toString());
            publish(producer, order(perfume, "eve", 1_000_000, 1), UUID.randomUUID().toString());
            publish(producer, order(UUID.randomUUID(), "fay", 100, 1), UUID.randomUUID().toString());
        }
        long deadline = System.currentTimeMillis() + 30_000;
        SessionSales.Stats stats = sales.stats(cakes);
        while (System.currentTimeMillis() < deadline && !(stats.orders() == 2 && stats.gmvFen() == 29_700 && perfumeSold(perfume))) {
            Thread.sleep(200);
            stats = sales.stats(cakes);
        }
        assertThat(stats.orders()).isEqualTo(2);
        assertThat(stats.units()).isEqualTo(3);
        assertThat(stats.gmvFen()).isEqualTo(29_700);
        assertThat(stats.buyers()).isEqualTo(2);
        assertThat(stats.peakViewers()).isEqualTo(4);
        assertThat(stats.conversionPercent()).isEqualTo("50.0");
        List<SessionSales.Standing> board = sales.leaderboard(100);
        List<UUID> order = board.stream().map(SessionSales.Standing::sessionId).filter(id -> id.equals(cakes) || id.equals(perfume)).toList();
        assertThat(order).containsExactly(perfume, cakes);
        SessionSales.Standing top = board.stream().filter(s -> s.sessionId().equals(perfume)).findFirst().orElseThrow();
        assertThat(top.title()).startsWith("Perfume ");
        assertThat(top.host()).as("the channel's KOL names the host").isEqualTo("Li");
        assertThat(board).extracting(SessionSales.Standing::rank).isSorted().doesNotHaveDuplicates();
    }

    private boolean perfumeSold(UUID perfume) {
        return sales.stats(perfume).orders() == 1;
    }
}
