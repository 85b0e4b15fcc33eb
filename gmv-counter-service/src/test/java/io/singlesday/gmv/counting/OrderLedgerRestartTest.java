package io.singlesday.gmv.counting;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.orders.OrderRefunded;
import io.singlesday.gmv.OrderEvents;
import io.singlesday.platform.tracing.TraceHop;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's pending sums live in memory; what each event added waits in the unflushed store until handed over.
 * A ledger that stops before a flush and starts again on the same stores (as after a crash, once Kafka Streams has
 * restored them) hands over exactly what the first one had not: nothing lost, nothing twice.
 */
class OrderLedgerRestartTest {

    private final MockProcessorContext<String, byte[]> context = LedgerContexts.withLedgerStores(System.currentTimeMillis());

    private OrderLedger start() {
        OrderLedger ledger = new OrderLedger(OrderEvents.CODEC, new FlushPolicy(Duration.ofMillis(100), Duration.ofSeconds(1)), new SimpleMeterRegistry(),
                "orders.events", TraceHop.none());
        ledger.init(context);
        return ledger;
    }

    private void flushLatest() {
        var punctuators = context.scheduledPunctuators();
        punctuators.get(punctuators.size() - 1).getPunctuator().punctuate(System.currentTimeMillis());
    }

    private static Record<String, byte[]> record(Object payload, OrderConfirmed order) {
        return new Record<>(order.orderId().toString(), OrderEvents.envelope(payload, order.orderId(), Instant.now()),
                System.currentTimeMillis());
    }

    private Map<String, Figures> handedOver() {
        Map<String, Figures> sums = new HashMap<>();
        context.forwarded().stream().filter(f -> f.childName().orElse("").equals(OrderLedger.BATCHES))
                .forEach(f -> FigureBatch.decode(f.record().value()).forEach((k, v) -> sums.merge(k, v, Figures::plus)));
        return sums;
    }

    @Test
    void aLedgerStartedAgainBeforeItsFlushHandsOverWhatTheFirstHadNotOnce() {
        List<OrderConfirmed> orders = new ArrayList<>();
        long paid = 0;
        long refunded = 0;
        try (OrderEvents events = new OrderEvents(42, 5)) {
            for (int i = 0; i < 30; i++) {
                orders.add(events.confirmed(Instant.now()));
            }
        }
        OrderLedger first = start();
        for (OrderConfirmed order : orders.subList(0, 10)) {
            first.process(record(order, order));
            paid += order.paidTotal().minor();
        }
        flushLatest();
        assertThat(handedOver().get(FigureKeys.TOTAL).gmvFen()).isEqualTo(paid);

        // Twenty more, a refund and a reversal, then the process dies before its next flush.
        for (OrderConfirmed order : orders.subList(10, 30)) {
            first.process(record(order, order));
            paid += order.paidTotal().minor();
        }
        OrderRefunded refund = OrderEvents.refundOfFirstLine(orders.get(3), Instant.now());
        first.process(record(refund, orders.get(3)));
        refunded += refund.amount().minor();
        first.process(record(OrderEvents.cancelled(orders.get(12), true), orders.get(12)));
        paid -= orders.get(12).paidTotal().minor();

        OrderLedger second = start();
        // The same events delivered again after the restart count nothing.
        second.process(record(orders.get(20), orders.get(20)));
        second.process(record(refund, orders.get(3)));
        flushLatest();

        Map<String, Figures> sums = handedOver();
        assertThat(sums.get(FigureKeys.TOTAL).gmvFen()).isEqualTo(paid);
        assertThat(sums.get(FigureKeys.TOTAL).orders()).isEqualTo(29);
        assertThat(sums.get(FigureKeys.REFUNDS).gmvFen()).isEqualTo(refunded);

        // Everything handed over: a further flush has nothing to add.
        int batches = context.forwarded().size();
        flushLatest();
        assertThat(context.forwarded()).hasSize(batches);

        // Two more fill the first slots again; the twenty older slots behind them are stale after the flush mark, so a
        // third start hands over exactly the two.
        second.process(record(orders.get(0), orders.get(0)));
        OrderConfirmed late1;
        OrderConfirmed late2;
        try (OrderEvents events = new OrderEvents(43, 5)) {
            late1 = events.confirmed(Instant.now());
            late2 = events.confirmed(Instant.now());
        }
        second.process(record(late1, late1));
        second.process(record(late2, late2));
        context.resetForwards();
        OrderLedger third = start();
        flushLatest();
        assertThat(handedOver().get(FigureKeys.TOTAL))
                .isEqualTo(new Figures(late1.paidTotal().minor() + late2.paidTotal().minor(), 2,
                        OrderContribution.of(late1).get(FigureKeys.TOTAL).units() + OrderContribution.of(late2).get(FigureKeys.TOTAL).units()));
        context.resetForwards();
        third.process(record(late1, late1));
        flushLatest();
        assertThat(context.forwarded()).isEmpty();
    }

    @Test
    void aDeltaKeptByThePreviousReleaseIsHandedOverOnceAndThenForgotten() {
        OrderConfirmed order;
        try (OrderEvents events = new OrderEvents(44, 5)) {
            order = events.confirmed(Instant.now());
        }
        OrderLedger before = start();
        before.process(record(order, order));
        // Rewrite the kept slot as the previous release kept it: under the event's id, without a generation, the whole
        // sale after its kind (1).
        KeyValueStore<String, byte[]> unflushed = context.getStateStore(CounterTopology.UNFLUSHED_STORE);
        unflushed.delete("0");
        byte[] sale = CountedSale.of(order).toBytes();
        unflushed.put(java.util.UUID.randomUUID().toString(),
                java.nio.ByteBuffer.allocate(1 + sale.length).put((byte) 1).put(sale).array());

        OrderLedger after = start();
        flushLatest();
        assertThat(handedOver().get(FigureKeys.TOTAL).gmvFen()).isEqualTo(order.paidTotal().minor());
        context.resetForwards();
        start();
        flushLatest();
        assertThat(context.forwarded()).isEmpty();
        assertThat(unflushed.approximateNumEntries()).isEqualTo(2);
    }
}
