package io.singlesday.catalog.onboarding;

import io.singlesday.contracts.topics.Topics;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.orders.OrderRefunded;
import io.singlesday.contracts.EventCatalog;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.platform.kafka.EventTypeHeader;
import io.singlesday.platform.kafka.PollTransaction;
import io.singlesday.platform.tracing.TraceHop;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Feeds the incubation program from the order stream (sales and their refunds), and checks daily (festival time) for the 21st's awards. Nobody
 * waits on this tally, so the consumer lets orders gather for up to half a second at the peak and applies each poll
 * in one transaction ({@link PollTransaction}): one commit for many orders of the same hot brands.
 */
@Component
public class IncubationListener {

    private final IncubationLedger ledger;
    private static final EventTypeHeader.Wanted SALES = EventTypeHeader.anyOf(EventCatalog.ORDER_CONFIRMED,
            EventCatalog.ORDER_REFUNDED);

    private final PollTransaction poll;

    public IncubationListener(IncubationLedger ledger, EventCodec codec, TransactionTemplate transactions, TraceHop traces) {
        this.ledger = ledger;
        this.poll = new PollTransaction(transactions, codec, traces);
    }

    @KafkaListener(id = "catalog-incubation", topics = Topics.Names.ORDERS_EVENTS, concurrency = "${catalog.incubation.consumers:1}",
            batch = "true", properties = {"fetch.min.bytes=${catalog.incubation.fetch-min-bytes:32768}",
            "fetch.max.wait.ms=${catalog.incubation.fetch-max-wait-ms:500}"})
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        poll.apply(records, SALES, events -> {
        }, event -> {
            switch (event.payload()) {
                case OrderConfirmed confirmed -> ledger.onOrderConfirmed(event.eventId(), confirmed);
                case OrderRefunded refunded -> ledger.onOrderRefunded(event.eventId(), refunded);
                default -> {
                }
            }
        });
    }

    @Scheduled(fixedDelayString = "${catalog.incubation.award-check:PT10S}")
    public void awards() {
        ledger.awardIfDue();
    }
}
