package io.singlesday.logistics.messaging;

import io.singlesday.contracts.topics.Topics;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.orders.OrderCancelled;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.logistics.parcel.ShipOrders;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.inbox.ProcessedEvents;
import io.singlesday.platform.kafka.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Confirmed orders become parcels, cancelled ones stop theirs. Each event applies once (the inbox), and a second
 * confirmation of one order under another event id finds its parcels already there (one per order and origin).
 */
@Component
public class OrderEventsListener {

    static final String CONSUMER = "logistics-orders";

    private final EventCodec codec;
    private final ProcessedEvents processed;
    private final ShipOrders ship;
    private final TransactionTemplate transactions;
    private final FestivalClock clock;

    public OrderEventsListener(EventCodec codec, ProcessedEvents processed, ShipOrders ship,
                               TransactionTemplate transactions, FestivalClock clock) {
        this.codec = codec;
        this.processed = processed;
        this.ship = ship;
        this.transactions = transactions;
        this.clock = clock;
    }

    @KafkaListener(id = CONSUMER, groupId = "${spring.application.name}-orders", topics = Topics.Names.ORDERS_EVENTS,
            concurrency = "${logistics.order-consumers:2}")
    public void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<?> event = codec.decode(record.value());
        if (!(event.payload() instanceof OrderConfirmed) && !(event.payload() instanceof OrderCancelled)) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            if (!processed.firstDelivery(CONSUMER, event.eventId())) {
                return;
            }
            switch (event.payload()) {
                case OrderConfirmed confirmed -> ship.ship(confirmed, clock.instant());
                case OrderCancelled cancelled -> ship.cancel(cancelled, clock.instant());
                default -> throw new IllegalStateException("unreachable");
            }
        });
    }
}
