package io.singlesday.gmv.counting;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.gmv.OrderEvents;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast path reads what the full decode reads, or leaves the record to it. */
class SaleReaderTest {

    private final SaleReader reader = new SaleReader();

    @Test
    void readsEveryConfirmationAsTheFullDecodeDoes() {
        try (OrderEvents events = new OrderEvents(99, 20)) {
            for (int i = 0; i < 2_000; i++) {
                OrderConfirmed order = events.confirmed(Instant.now().plusMillis(i));
                byte[] bytes = OrderEvents.envelope(order, order.orderId(), order.confirmedAt());
                EventEnvelope<?> full = OrderEvents.CODEC.decode(bytes);
                SaleReader.Read fast = reader.read(bytes);
                assertThat(fast).as("order %d", i).isNotNull();
                assertThat(fast.eventId()).isEqualTo(full.eventId());
                assertThat(fast.orderId()).isEqualTo(order.orderId());
                assertThat(fast.sale()).isEqualTo(CountedSale.of((OrderConfirmed) full.payload()));
                assertThat(OrderContribution.of(fast.sale())).isEqualTo(OrderContribution.of(order));
            }
        }
    }

    @Test
    void leavesEverythingElseToTheFullDecode() {
        OrderConfirmed order;
        try (OrderEvents events = new OrderEvents(7, 3)) {
            order = events.confirmed(Instant.now());
        }
        String json = new String(OrderEvents.envelope(order, order.orderId(), Instant.now()), StandardCharsets.UTF_8);
        assertThat(reader.read(json.getBytes(StandardCharsets.UTF_8))).isNotNull();

        List<String> others = List.of(
                json.replace("\"schemaVersion\":1", "\"schemaVersion\":2"),
                json.replace("\"currency\":\"CNY\"", "\"currency\":\"EUR\""),
                json.replace("\"city\":", "\"town\":"),
                json.replace("\"lines\":[", "\"lines\":[{\"surprise\":true},"),
                json.replace("\"quantity\":", "\"quantity\":-"),
                json.substring(0, json.length() - 1),
                json + "{}",
                "[]",
                "not json");
        for (String other : others) {
            assertThat(reader.read(other.getBytes(StandardCharsets.UTF_8))).as(other).isNull();
        }
        byte[] cancelled = OrderEvents.envelope(OrderEvents.cancelled(order, true), order.orderId(), Instant.now());
        assertThat(reader.read(cancelled)).isNull();
        byte[] placed = OrderEvents.CODEC.encode(EventEnvelope.wrap(EventCatalog.ORDER_PLACED, order.orderId().toString(),
                Instant.now(), null, OrderEvents.placed(order)));
        assertThat(reader.read(placed)).isNull();
        OrderConfirmed inDollars = new OrderConfirmed(UUID.randomUUID(), order.checkoutId(), order.shopperId(),
                order.storeId(), order.brandId(), order.channel(), null, order.device(), order.city(), order.province(),
                order.confirmedAt(), new Money(100, "USD"), new Money(0, "USD"), new Money(100, "USD"), order.lines());
        assertThat(reader.read(OrderEvents.envelope(inDollars, inDollars.orderId(), Instant.now()))).isNull();
    }
}
