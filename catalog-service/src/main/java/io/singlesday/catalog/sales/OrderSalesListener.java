package io.singlesday.catalog.sales;

import io.singlesday.catalog.brushing.BrushingDetector;
import io.singlesday.catalog.onboarding.IncubationLedger;
import io.singlesday.catalog.ranking.SalesRanking;
import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.orders.OrderRefunded;
import io.singlesday.contracts.topics.Topics;
import io.singlesday.platform.inbox.ProcessedEvents;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.platform.kafka.EventTypeHeader;
import io.singlesday.platform.kafka.PollTransaction;
import io.singlesday.platform.tracing.TraceHop;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.List;

/**
 * What the catalog learns from sales and returns: incubation GMV ({@link IncubationLedger}) and the best-sellers
 * ranking ({@link SalesRanking}), both fed through the brushing detector ({@link BrushingDetector}), which keeps
 * suspected orders out of them, and each event counted once by one inbox. One consumer decodes each order event
 * once for both; nobody waits on either tally, so it lets orders gather for up to half a second at the peak and
 * applies each poll in one transaction ({@link PollTransaction}): one commit for many orders of the same hot brands.
 * Other order events are passed over by their type header without being decoded. The group keeps the name it had
 * when it fed incubation alone, so it goes on from its committed offsets.
 */
@Component
public class OrderSalesListener {

    private static final EventTypeHeader.Wanted SALES = EventTypeHeader.anyOf(EventCatalog.ORDER_CONFIRMED,
            EventCatalog.ORDER_REFUNDED);

    private final BrushingDetector brushing;
    private final SalesRanking ranking;
    private final ProcessedEvents processed;
    private final PollTransaction poll;

    public OrderSalesListener(BrushingDetector brushing, SalesRanking ranking, ProcessedEvents processed,
                              EventCodec codec, TransactionTemplate transactions, TraceHop traces) {
        this.processed = processed;
        this.brushing = brushing;
        this.ranking = ranking;
        this.poll = new PollTransaction(transactions, codec, traces);
    }

    @KafkaListener(id = "catalog-incubation", topics = Topics.Names.ORDERS_EVENTS, concurrency = "${catalog.incubation.consumers:1}",
            batch = "true", properties = {"fetch.min.bytes=${catalog.incubation.fetch-min-bytes:32768}",
            "fetch.max.wait.ms=${catalog.incubation.fetch-max-wait-ms:500}"})
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        LocalDate[] window = new LocalDate[1];
        // Held once per transaction: PollTransaction runs this first in every transaction it opens, shared or alone.
        poll.apply(records, SALES, events -> window[0] = ranking.holdWindow(), event -> {
            // One inbox row per event for both tallies: they commit together or not at all.
            if (!processed.firstDelivery(IncubationLedger.CONSUMER, event.eventId())) {
                return;
            }
            switch (event.payload()) {
                // The detector counts an order in both tallies unless it suspects it of brushing.
                case OrderConfirmed confirmed -> brushing.confirmed(confirmed, window[0]);
                case OrderRefunded refunded -> brushing.refunded(refunded, window[0]);
                default -> {
                }
            }
        });
    }
}
