package io.singlesday.catalog.stock;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.orders.OrderRefunded;
import io.singlesday.contracts.topics.Topics;
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
 * Puts returned units back on sale from the order stream. It passes over every other order event by its type header
 * without decoding it; a poll's refunds share one transaction that first locks their SKU rows in id order, as the
 * stock commands do, so the two consumers never deadlock.
 */
@Component
public class ReturnedStockListener {

    private static final EventTypeHeader.Wanted REFUNDS = EventTypeHeader.anyOf(EventCatalog.ORDER_REFUNDED);

    private final ReturnedStock returned;
    private final StockLedger ledger;
    private final PollTransaction poll;

    public ReturnedStockListener(ReturnedStock returned, StockLedger ledger, EventCodec codec,
                                 TransactionTemplate transactions, TraceHop traces) {
        this.returned = returned;
        this.ledger = ledger;
        this.poll = new PollTransaction(transactions, codec, traces);
    }

    @KafkaListener(id = ReturnedStock.CONSUMER, topics = Topics.Names.ORDERS_EVENTS, batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        poll.apply(records, REFUNDS,
                refunds -> ledger.lockInOrder(refunds.stream()
                        .flatMap(e -> ((OrderRefunded) e.payload()).lines().stream().map(OrderRefunded.Line::skuId))
                        .distinct().sorted().toList(), List.of(), List.of()),
                event -> returned.restock(event.eventId(), (OrderRefunded) event.payload()));
    }
}
