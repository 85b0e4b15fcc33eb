package io.singlesday.catalog.sales;

import io.singlesday.catalog.onboarding.IncubationLedger;
import io.singlesday.catalog.ranking.SalesRanking;
import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.orders.OrderConfirmed;
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
 * What the catalog learns from sales and returns: incubation GMV ({@link IncubationLedger}) and the best-sellers
 * ranking ({@link SalesRanking}), each counting an event once by its own inbox. One consumer decodes each order event
 * once for both; nobody waits on either tally, so it lets orders gather for up to half a second at the peak and
 * applies each poll in one transaction ({@link PollTransaction}): one commit for many orders of the same hot brands.
 * Other order events are passed over by their type header without being decoded. The group keeps the name it had
 * when it fed incubation alone, so it goes on from its committed offsets.
 */
@Component
public class OrderSalesListener {

    private static final EventTypeHeader.Wanted SALES = EventTypeHeader.anyOf(EventCatalog.ORDER_CONFIRMED,
            EventCatalog.ORDER_REFUNDED);

    private final IncubationLedger incubation;
    private final SalesRanking ranking;
    private final PollTransaction poll;

    public OrderSalesListener(IncubationLedger incubation, SalesRanking ranking, EventCodec codec,
                              TransactionTemplate transactions, TraceHop traces) {
        this.incubation = incubation;
        this.ranking = ranking;
        this.poll = new PollTransaction(transactions, codec, traces);
    }

    @KafkaListener(id = "catalog-incubation", topics = Topics.Names.ORDERS_EVENTS, concurrency = "${catalog.incubation.consumers:1}",
            batch = "true", properties = {"fetch.min.bytes=${catalog.incubation.fetch-min-bytes:32768}",
            "fetch.max.wait.ms=${catalog.incubation.fetch-max-wait-ms:500}"})
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        poll.apply(records, SALES, events -> {
        }, event -> {
            switch (event.payload()) {
                case OrderConfirmed confirmed -> {
                    incubation.onOrderConfirmed(event.eventId(), confirmed);
                    ranking.onConfirmed(event.eventId(), confirmed);
                }
                case OrderRefunded refunded -> {
                    incubation.onOrderRefunded(event.eventId(), refunded);
                    ranking.onRefunded(event.eventId(), refunded);
                }
                default -> {
                }
            }
        });
    }
}
