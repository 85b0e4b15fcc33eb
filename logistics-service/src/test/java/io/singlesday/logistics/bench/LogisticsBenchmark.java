package io.singlesday.logistics.bench;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.topics.Topics;
import io.singlesday.logistics.flow.ParcelFlow;
import io.singlesday.logistics.parcel.ShipOrders;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.testsupport.TopicRecords;
import io.singlesday.testsupport.WithRealEngines;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The figures of docs/benchmarks.md for logistics, run with
 * {@code ./mvnw -pl logistics-service -Pbenchmark test [-Dbenchmark.orders=5000 -Dbenchmark.dayOrders=10000]}.
 * <ol>
 *   <li>A burst of confirmed orders on orders.events: parcels created per second by the listener.</li>
 *   <li>A replayed day: orders confirmed along 2019's curve (a tenth in the first ten minutes...), the flow
 *   advanced in ten-minute festival steps through the day and after it, until nothing is left on the way; the
 *   festival time that takes at the seeded capacities, and the on-time rate.</li>
 * </ol>
 * Prints figures; asserts nothing about speed.
 */
@SpringBootTest(properties = "logistics.flow.enabled=false")
@WithRealEngines(database = "logistics")
class LogisticsBenchmark {

    private static final double[][] CITIES = {
            {31.23, 121.47}, {39.90, 116.41}, {30.27, 120.16}, {23.13, 113.26}, {30.57, 104.07}, {30.59, 114.31},
            {41.81, 123.43}, {22.54, 114.06}, {32.06, 118.80}, {34.34, 108.94}};
    private static final String[] NAMES = {"Shanghai", "Beijing", "Hangzhou", "Guangzhou", "Chengdu", "Wuhan",
            "Shenyang", "Shenzhen", "Nanjing", "Xi'an"};
    private static final String[] PROVINCES = {"Shanghai", "Beijing", "Zhejiang", "Guangdong", "Sichuan", "Hubei",
            "Liaoning", "Guangdong", "Jiangsu", "Shaanxi"};
    // 2019: share of the day's GMV by seconds after midnight (10, 30, 100, 200 of 268.4 billion).
    private static final double[][] CURVE = {{0, 0}, {96, 10 / 268.4}, {325, 30 / 268.4}, {3840, 100 / 268.4},
            {51660, 200 / 268.4}, {86400, 1}};

    @Autowired
    EventCodec codec;
    @Autowired
    JdbcClient sql;
    @Autowired
    ShipOrders ship;
    @Autowired
    ParcelFlow flow;
    @Autowired
    TransactionTemplate transactions;

    private final Random random = new Random(1111);

    @Test
    void burstAndReplayedDay() throws Exception {
        int burst = Integer.getInteger("benchmark.orders", 5_000);
        long before = parcels();
        try (KafkaProducer<String, byte[]> producer = TopicRecords.producer()) {
            for (int i = 0; i < burst; i++) {
                OrderConfirmed order = order(Instant.now());
                producer.send(new ProducerRecord<>(Topics.ORDERS_EVENTS.name(), order.orderId().toString(), codec.encode(
                        EventEnvelope.wrap(EventCatalog.ORDER_CONFIRMED, order.orderId().toString(), Instant.now(), null, order))));
            }
            producer.flush();
        }
        long started = System.nanoTime();
        long expected = before + burst;
        long firstSeen = 0;
        while (parcels() < expected) {
            if (firstSeen == 0 && parcels() > before) {
                firstSeen = System.nanoTime();
            }
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - (firstSeen == 0 ? started : firstSeen)) / 1e9;
        System.out.printf("burst: %,d confirmed orders became %,d parcels; %,.0f orders routed per second%n",
                burst, parcels() - before, burst / seconds);

        replayedDay(Integer.getInteger("benchmark.dayOrders", 10_000));
    }

    private void replayedDay(int orders) {
        sql.sql("update parcels set state = 'CANCELLED' where state not in ('DELIVERED', 'CANCELLED')").update();
        Instant midnight = Instant.parse("2026-11-10T16:00:00Z");
        List<Instant> confirmations = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            confirmations.add(midnight.plusSeconds(secondsAtShare((i + 0.5) / orders)));
        }
        long wall = System.nanoTime();
        Instant clock = midnight;
        flow.advanceTo(clock);
        int next = 0;
        Instant drained = null;
        Instant warehousesDrained = null;
        Instant peakAt = midnight;
        long peak = 0;
        while (drained == null && clock.isBefore(midnight.plus(Duration.ofDays(20)))) {
            clock = clock.plus(Duration.ofMinutes(10));
            while (next < orders && !confirmations.get(next).isAfter(clock)) {
                OrderConfirmed order = order(confirmations.get(next));
                Instant at = confirmations.get(next);
                transactions.executeWithoutResult(s -> ship.ship(order, at));
                next++;
            }
            // Customs releases what it held after half a day, as the operators would.
            sql.sql("update parcels set customs_hold = false where customs_hold and state_since <= ?")
                    .param(java.sql.Timestamp.from(clock.minus(Duration.ofHours(12)))).update();
            flow.advanceTo(clock);
            long inWarehouses = inWarehouses();
            if (inWarehouses > peak) {
                peak = inWarehouses;
                peakAt = clock;
            }
            if (next == orders && inWarehouses == 0 && warehousesDrained == null) {
                warehousesDrained = clock;
            }
            if (next == orders && open() == 0) {
                drained = clock;
            }
        }
        long delivered = sql.sql("select count(*) from parcels where state = 'DELIVERED' and created_at >= ?")
                .param(java.sql.Timestamp.from(midnight)).query(Long.class).single();
        long onTime = sql.sql("select count(*) from parcels where state = 'DELIVERED' and delivered_at <= promised_by and created_at >= ?")
                .param(java.sql.Timestamp.from(midnight)).query(Long.class).single();
        System.out.printf("replayed day: %,d orders along 2019's curve; the warehouse backlog peaked at %,d parcels %.1f h "
                        + "after midnight and was gone %.1f h after midnight; the last parcel was delivered %.1f h after "
                        + "midnight; %.1f %% delivered on time; simulated in %.0f s%n",
                orders, peak, Duration.between(midnight, peakAt).toMinutes() / 60.0,
                warehousesDrained == null ? Double.NaN : Duration.between(midnight, warehousesDrained).toMinutes() / 60.0,
                drained == null ? Double.NaN : Duration.between(midnight, drained).toMinutes() / 60.0,
                delivered == 0 ? 0 : 100.0 * onTime / delivered, (System.nanoTime() - wall) / 1e9);
    }

    private static long secondsAtShare(double share) {
        for (int i = 1; i < CURVE.length; i++) {
            if (share <= CURVE[i][1]) {
                double t = (share - CURVE[i - 1][1]) / (CURVE[i][1] - CURVE[i - 1][1]);
                return Math.round(CURVE[i - 1][0] + t * (CURVE[i][0] - CURVE[i - 1][0]));
            }
        }
        return 86_399;
    }

    private OrderConfirmed order(Instant at) {
        int c = random.nextInt(CITIES.length);
        List<OrderConfirmed.Line> lines = new ArrayList<>();
        lines.add(new OrderConfirmed.Line(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 301,
                random.nextInt(10) == 0 ? "DE" : "CN", 1, Money.fen(9_900), Money.fen(0), Money.fen(9_900)));
        return new OrderConfirmed(UUID.randomUUID(), UUID.randomUUID(), "bench-" + random.nextInt(10_000),
                UUID.randomUUID(), UUID.randomUUID(), OrderConfirmed.Channel.APP, null, OrderConfirmed.Device.MOBILE,
                NAMES[c], PROVINCES[c], at, Money.fen(9_900), Money.fen(0), Money.fen(9_900), lines,
                CITIES[c][0] + random.nextGaussian() * 0.05, CITIES[c][1] + random.nextGaussian() * 0.05);
    }

    private long parcels() {
        return sql.sql("select count(*) from parcels").query(Long.class).single();
    }

    private long inWarehouses() {
        return sql.sql("select count(*) from parcels where state in ('CREATED', 'PICKED', 'PACKED')").query(Long.class).single();
    }

    private long open() {
        return sql.sql("select count(*) from parcels where state not in ('DELIVERED', 'CANCELLED')").query(Long.class).single();
    }
}
