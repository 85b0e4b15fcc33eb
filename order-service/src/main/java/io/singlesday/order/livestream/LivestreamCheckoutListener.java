package io.singlesday.order.livestream;

import io.singlesday.contracts.topics.Topics;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.orders.PlaceLivestreamCheckout;
import io.singlesday.order.checkout.PlaceCheckout;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.platform.kafka.UnreadableEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Checkouts the livestream service places for its buyers. Idempotent through the checkout's key, which derives from
 * the checkout id the sender chose: a redelivered command finds the checkout already placed.
 */
@Component
public class LivestreamCheckoutListener {

    private final PlaceCheckout checkouts;
    private final EventCodec codec;

    public LivestreamCheckoutListener(PlaceCheckout checkouts, EventCodec codec) {
        this.checkouts = checkouts;
        this.codec = codec;
    }

    @KafkaListener(id = "order-livestream-checkouts", topics = Topics.Names.ORDERS_COMMANDS,
            concurrency = "${order.livestream.consumers:2}")
    public void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<?> command = codec.decode(record.value());
        if (!(command.payload() instanceof PlaceLivestreamCheckout place)) {
            throw new UnreadableEventException(command.type() + " is not an order command");
        }
        checkouts.placeFromLivestream(place);
    }
}
