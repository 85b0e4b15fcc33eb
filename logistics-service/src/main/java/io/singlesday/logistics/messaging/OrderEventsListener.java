package io.singlesday.logistics.messaging;

import io.singlesday.contracts.topics.Topics;
import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.orders.OrderCancelled;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.orders.OrderRefunded;
import io.singlesday.logistics.returns.Returns;
import io.singlesday.logistics.parcel.ShipOrders;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.inbox.ProcessedEvents;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.platform.kafka.EventTypeHeader;
import io.singlesday.platform.kafka.PollTransaction;
import io.singlesday.platform.tracing.TraceHop;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Confirmed orders become parcels, cancelled ones stop theirs, refunded units stay in the warehouse or come back
 * ({@link Returns}). Each event applies once (the inbox), and a second
 * confirmation of one order under another event id finds its parcels already there (one per order and origin).
 * A poll's events share one transaction ({@link PollTransaction}): one durable commit per poll, not per order. A
 * parcel starts in a warehouse queue anyway, so at the peak the consumer lets orders gather for up to half a second.
 */
@Component
public class OrderEventsListener {

    static final String CONSUMER = "logistics-orders";
    private static final EventTypeHeader.Wanted ACTS_ON = EventTypeHeader.anyOf(EventCatalog.ORDER_CONFIRMED,
            EventCatalog.ORDER_CANCELLED, EventCatalog.ORDER_REFUNDED);

    private final ProcessedEvents processed;
    private final ShipOrders ship;
    private final Returns returns;
    private final FestivalClock clock;
    private final PollTransaction poll;

    public OrderEventsListener(EventCodec codec, ProcessedEvents processed, ShipOrders ship, Returns returns,
                               TransactionTemplate transactions, FestivalClock clock, TraceHop traces) {
        this.returns = returns;
        this.processed = processed;
        this.ship = ship;
        this.clock = clock;
        this.poll = new PollTransaction(transactions, codec, traces);
    }

    @KafkaListener(id = CONSUMER, groupId = "${spring.application.name}-orders", topics = Topics.Names.ORDERS_EVENTS,
            concurrency = "${logistics.order-consumers:2}", batch = "true",
            properties = {"fetch.min.bytes=${logistics.order-fetch-min-bytes:32768}",
                    "fetch.max.wait.ms=${logistics.order-fetch-max-wait-ms:500}"})
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        poll.apply(records, ACTS_ON, events -> {
        }, this::applyOnce);
    }

    private void applyOnce(EventEnvelope<?> event) {
        if (!processed.firstDelivery(CONSUMER, event.eventId())) {
            return;
        }
        switch (event.payload()) {
            case OrderConfirmed confirmed -> ship.ship(confirmed, clock.instant());
            case OrderCancelled cancelled -> ship.cancel(cancelled, clock.instant());
            case OrderRefunded refunded -> returns.onRefund(refunded, clock.instant());
            default -> throw new IllegalStateException("unreachable");
        }
    }
}
