package io.singlesday.order.saga;

import io.singlesday.contracts.topics.Topics;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.coupons.CouponLockRejected;
import io.singlesday.contracts.coupons.CouponsLocked;
import io.singlesday.contracts.stock.StockReservationRejected;
import io.singlesday.contracts.stock.StockReserved;
import io.singlesday.platform.inbox.ProcessedEvents;
import io.singlesday.platform.kafka.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Participants' replies into the saga. Each reply is applied once (deduplicated by event id in the same
 * transaction as its step); replies to commands this service did not send, such as another service's stock
 * reservations, find no order and change nothing.
 */
@Component
public class SagaReplyListener {

    private static final String CONSUMER = "order-saga-replies";

    private final CheckoutSaga saga;
    private final ProcessedEvents processed;
    private final TransactionTemplate transactions;
    private final EventCodec codec;

    public SagaReplyListener(CheckoutSaga saga, ProcessedEvents processed, TransactionTemplate transactions,
                             EventCodec codec) {
        this.saga = saga;
        this.processed = processed;
        this.transactions = transactions;
        this.codec = codec;
    }

    @KafkaListener(id = CONSUMER, groupId = "${spring.application.name}-saga-replies", topics = {Topics.Names.CATALOG_STOCK_REPLIES, Topics.Names.COUPONS_REPLIES},
            concurrency = "${order.saga.reply-consumers:4}")
    public void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<?> reply = codec.decode(record.value());
        if (!moves(reply.payload())) {
            // Commit, release, redeem and unlock confirmations: the saga has already moved on. Nothing to apply, so
            // nothing to remember either; no transaction (and no durable commit) for them.
            return;
        }
        transactions.executeWithoutResult(status -> {
            if (!processed.firstDelivery(CONSUMER, reply.eventId())) {
                return;
            }
            switch (reply.payload()) {
                case StockReserved reserved -> saga.stockReserved(reserved.orderId());
                case StockReservationRejected rejected -> saga.stockRejected(rejected.orderId(),
                        rejected.reason() + (rejected.skuId() == null ? "" : " for SKU " + rejected.skuId()));
                case CouponsLocked locked -> saga.couponsLocked(locked.checkoutId(), locked.discounts().stream()
                        .collect(java.util.stream.Collectors.groupingBy(d -> d.orderId(),
                                java.util.stream.Collectors.summingLong(d -> d.amount().minor()))));
                case CouponLockRejected rejected -> saga.couponsRejected(rejected.checkoutId(),
                        rejected.reason() + (rejected.code() == null ? "" : " for coupon " + rejected.code()));
                default -> throw new IllegalStateException("not a reply the saga moves on: " + reply.type());
            }
        });
    }

    private static boolean moves(Object reply) {
        return reply instanceof StockReserved || reply instanceof StockReservationRejected
                || reply instanceof CouponsLocked || reply instanceof CouponLockRejected;
    }
}
