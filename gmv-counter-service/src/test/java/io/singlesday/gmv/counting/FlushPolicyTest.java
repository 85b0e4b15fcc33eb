package io.singlesday.gmv.counting;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.gmv.OrderEvents;
import io.singlesday.platform.tracing.TraceHop;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Live partitions hand over every flush interval; a partition catching up, every catch-up interval. */
class FlushPolicyTest {

    private final FlushPolicy policy = new FlushPolicy(Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void aLivePartitionHandsOverAtEveryTick() {
        long now = 1_000_000;
        assertThat(policy.due(now, now - 100, now - 5)).isTrue();
        assertThat(policy.due(now, now - 100, Long.MIN_VALUE)).isTrue();
    }

    @Test
    void aPartitionCatchingUpHandsOverOncePerCatchUpInterval() {
        long now = 1_000_000;
        long oldRecord = now - 60_000;
        assertThat(policy.due(now, now - 100, oldRecord)).isFalse();
        assertThat(policy.due(now, now - 999, oldRecord)).isFalse();
        assertThat(policy.due(now, now - 1_000, oldRecord)).isTrue();
    }

    @Test
    void intervalsThatCannotWorkAreRefusedByName() {
        assertThatThrownBy(() -> new FlushPolicy(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("festival.gmv.flush-interval");
        assertThatThrownBy(() -> new FlushPolicy(Duration.ofMillis(100), Duration.ofMillis(50)))
                .hasMessageContaining("festival.gmv.catch-up-flush-interval");
        assertThatThrownBy(() -> new FlushPolicy(Duration.ofMillis(100), null))
                .hasMessageContaining("festival.gmv.catch-up-flush-interval");
    }

    @Test
    void aLedgerReadingOldRecordsHandsOverLessOftenAndLosesNothing() {
        long start = System.currentTimeMillis();
        MockProcessorContext<String, byte[]> context = LedgerContexts.withLedgerStores(start);
        OrderLedger ledger = new OrderLedger(OrderEvents.CODEC, policy, new SimpleMeterRegistry(), "orders.events",
                TraceHop.none());
        ledger.init(context);
        var tick = context.scheduledPunctuators().get(0);
        assertThat(tick.getInterval()).isEqualTo(Duration.ofMillis(100));

        long paid = 0;
        try (OrderEvents events = new OrderEvents(9, 5)) {
            for (int i = 0; i < 20; i++) {
                OrderConfirmed order = events.confirmed(Instant.now());
                paid += order.paidTotal().minor();
                // Written a minute ago: this partition is a minute behind.
                ledger.process(new Record<>(order.orderId().toString(),
                        OrderEvents.envelope(order, order.orderId(), order.confirmedAt()), start - 60_000));
            }
        }
        tick.getPunctuator().punctuate(start + 100);
        tick.getPunctuator().punctuate(start + 900);
        assertThat(context.forwarded()).isEmpty();
        tick.getPunctuator().punctuate(start + 1_000);
        assertThat(context.forwarded()).hasSize(1);
        assertThat(FigureBatch.decode(context.forwarded().get(0).record().value()).get(FigureKeys.TOTAL).gmvFen())
                .isEqualTo(paid);

        // Caught up: a fresh record goes at the next tick.
        try (OrderEvents events = new OrderEvents(10, 5)) {
            OrderConfirmed order = events.confirmed(Instant.now());
            ledger.process(new Record<>(order.orderId().toString(),
                    OrderEvents.envelope(order, order.orderId(), order.confirmedAt()), start + 1_050));
        }
        tick.getPunctuator().punctuate(start + 1_100);
        assertThat(context.forwarded()).hasSize(2);
    }
}
