package io.singlesday.catalog.onboarding;

import io.singlesday.contracts.topics.Topics;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.platform.kafka.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Feeds the incubation program from the order stream, and checks daily (festival time) for the 21st's awards. */
@Component
public class IncubationListener {

    private final IncubationLedger ledger;
    private final EventCodec codec;

    public IncubationListener(IncubationLedger ledger, EventCodec codec) {
        this.ledger = ledger;
        this.codec = codec;
    }

    @KafkaListener(id = "catalog-incubation", topics = Topics.Names.ORDERS_EVENTS, concurrency = "${catalog.incubation.consumers:1}")
    public void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<?> event = codec.decode(record.value());
        if (event.payload() instanceof OrderConfirmed confirmed) {
            ledger.onOrderConfirmed(event.eventId(), confirmed);
        }
    }

    @Scheduled(fixedDelayString = "${catalog.incubation.award-check:PT10S}")
    public void awards() {
        ledger.awardIfDue();
    }
}
