package io.singlesday.gmv.counting;

import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.topics.Topics;
import io.singlesday.gmv.CounterApp;
import io.singlesday.gmv.OrderEvents;
import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.RealEngines;
import io.singlesday.testsupport.Tokens;
import io.singlesday.testsupport.TopicRecords;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counter's promise: every confirmed order counted once, to the fen, whatever the outbox, the counter or
 * the broker do. A seeded burst carries duplicated events, second confirmations of one order, cancellations of
 * unpaid orders, reversals of paid ones and unreadable records, while the counter is stopped and restarted and
 * the broker is restarted; the totals must still equal what was confirmed.
 */
class CounterExactnessTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final String operator = Tokens.operator("ops-exactness");

    private record Expected(long gmvFen, long orders, long units, long mobileGmvFen) {
        Expected plus(OrderConfirmed o, int sign) {
            long units = o.lines().stream().mapToLong(OrderConfirmed.Line::quantity).sum();
            long mobile = o.device() == OrderConfirmed.Device.MOBILE ? o.paidTotal().minor() : 0;
            return new Expected(gmvFen + sign * o.paidTotal().minor(), orders + sign, this.units + sign * units,
                    mobileGmvFen + sign * mobile);
        }
    }

    @Test
    void countsEveryConfirmedOrderOnceThroughDuplicatesACounterRestartAndABrokerRestart() throws Exception {
        ConfigurableApplicationContext counter = CounterApp.start();
        Expected expected = current(counter);
        Random random = new Random(1111);
        String poisonKey = "poison-" + UUID.randomUUID();
        try (OrderEvents events = new OrderEvents(11, 7)) {
            expected = burst(events, random, 1500, expected);
            events.sendRaw(poisonKey, "not json".getBytes(StandardCharsets.UTF_8));
            events.sendRaw(poisonKey, "{\"eventId\":\"x\",\"type\":\"OrderConfirmed\",\"schemaVersion\":9}".getBytes(StandardCharsets.UTF_8));
            OrderConfirmed noCity = events.confirmed(Instant.now());
            byte[] withoutCity = OrderEvents.envelope(noCity, noCity.orderId(), Instant.now());
            events.sendRaw(poisonKey, new String(withoutCity, StandardCharsets.UTF_8)
                    .replace("\"city\":\"" + noCity.city() + "\",", "").getBytes(StandardCharsets.UTF_8));

            expected = burst(events, random, 700, expected);
            events.flush();
            // Stop only once this instance has counted them: the next one must carry its totals on, not start afresh.
            Expected counted = expected;
            ConfigurableApplicationContext first = counter;
            CounterApp.await(Duration.ofSeconds(120), () -> current(first).equals(counted));
            counter.close();
            expected = burst(events, random, 800, expected);
            counter = CounterApp.start();

            expected = burst(events, random, 500, expected);
            RealEngines.shared().restartKafka();
            expected = burst(events, random, 500, expected);
            events.flush();
        }

        Expected want = expected;
        ConfigurableApplicationContext running = counter;
        try {
            CounterApp.await(Duration.ofSeconds(120), () -> current(running).equals(want));
            assertThat(current(running)).isEqualTo(want);

            List<String> dead = TopicRecords.readAll(Topics.ORDERS_EVENTS.deadLetter().name(), Duration.ofSeconds(5))
                    .stream().filter(r -> poisonKey.equals(r.key())).map(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .toList();
            assertThat(dead).hasSize(3);

            JsonNode milestones = JSON.readTree(Http.send(CounterApp.base(running), "GET", "/api/gmv/public/milestones",
                    null, null).body());
            List<String> ids = new ArrayList<>();
            milestones.forEach(m -> ids.add(m.get("milestoneId").asString()));
            assertThat(new HashSet<>(ids)).as("each milestone announced once").hasSameSizeAs(ids);
            assertThat(ids).contains("threshold-10000", "threshold-100000", "threshold-1000000", "record-2684000");
        } finally {
            running.close();
        }
    }

    /** Sends {@code count} orders with the platform's usual noise and returns what the counter must then show. */
    private static Expected burst(OrderEvents events, Random random, int count, Expected expected) {
        for (int i = 0; i < count; i++) {
            OrderConfirmed order = events.confirmed(Instant.now());
            Instant at = order.confirmedAt();
            events.send(order.orderId(), OrderEvents.envelope(OrderEvents.placed(order), order.orderId(), at));
            if (random.nextInt(20) == 0) {
                // Never paid: cancelled before confirmation, so never GMV.
                events.send(order.orderId(), OrderEvents.envelope(OrderEvents.cancelled(order, false), order.orderId(), at));
                continue;
            }
            byte[] confirmation = OrderEvents.envelope(order, order.orderId(), at);
            events.send(order.orderId(), confirmation);
            expected = expected.plus(order, 1);
            if (random.nextInt(10) == 0) {
                events.send(order.orderId(), confirmation); // the outbox published twice
            }
            if (random.nextInt(50) == 0) {
                events.send(order.orderId(), OrderEvents.envelope(order, order.orderId(), at)); // confirmed twice
            }
            if (random.nextInt(25) == 0) {
                byte[] reversal = OrderEvents.envelope(OrderEvents.cancelled(order, true), order.orderId(), at);
                events.send(order.orderId(), reversal);
                expected = expected.plus(order, -1);
                if (random.nextBoolean()) {
                    events.send(order.orderId(), reversal);
                }
            }
        }
        return expected;
    }

    private Expected current(ConfigurableApplicationContext app) {
        try {
            JsonNode summary = JSON.readTree(Http.send(CounterApp.base(app), "GET", "/api/gmv/summary", operator, null).body());
            long mobile = 0;
            for (JsonNode device : summary.get("devices")) {
                if ("MOBILE".equals(device.get("name").asString())) {
                    mobile = device.get("gmvFen").asLong();
                }
            }
            return new Expected(summary.get("gmv").get("fen").asLong(), summary.get("orders").asLong(),
                    summary.get("units").asLong(), mobile);
        } catch (Exception e) {
            return new Expected(-1, -1, -1, -1);
        }
    }
}
