package io.singlesday.order.saga;

import io.singlesday.contracts.topics.Topics;
import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.coupons.CouponLockRejected;
import io.singlesday.contracts.coupons.CouponsLocked;
import io.singlesday.contracts.stock.StockReservationRejected;
import io.singlesday.contracts.stock.StockReserved;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.platform.kafka.EventTypeHeader;
import io.singlesday.platform.kafka.PollTransaction;
import io.singlesday.platform.tracing.TraceHop;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Participants' replies into the saga. A reply delivered again, or a participant's repeated answer to a repeated
 * command (a new event id with the same news), changes nothing: every step is guarded by the checkout's and the
 * order's state ({@link CheckoutSaga}), so no inbox row is spent on them. Records of other types are passed over by
 * their type header, without being decoded. A poll's replies share one transaction ({@link PollTransaction}),
 * which first locks every checkout they touch in id order, so two consumers' polls never deadlock.
 */
@Component
public class SagaReplyListener {

    private static final String CONSUMER = "order-saga-replies";
    private static final EventTypeHeader.Wanted MOVES_THE_SAGA = EventTypeHeader.anyOf(EventCatalog.STOCK_RESERVED,
            EventCatalog.STOCK_RESERVATION_REJECTED, EventCatalog.COUPONS_LOCKED, EventCatalog.COUPON_LOCK_REJECTED);

    private final CheckoutSaga saga;
    private final PollTransaction poll;

    public SagaReplyListener(CheckoutSaga saga, TransactionTemplate transactions,
                             EventCodec codec, TraceHop traces) {
        this.saga = saga;
        this.poll = new PollTransaction(transactions, codec, traces);
    }

    @KafkaListener(id = CONSUMER, groupId = "${spring.application.name}-saga-replies", topics = {Topics.Names.CATALOG_STOCK_REPLIES, Topics.Names.COUPONS_REPLIES},
            concurrency = "${order.saga.reply-consumers:2}", batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        poll.apply(records, MOVES_THE_SAGA, this::lockCheckouts, this::apply);
    }

    private void lockCheckouts(List<EventEnvelope<?>> replies) {
        if (replies.size() < 2) {
            // One reply locks one checkout in its own step; there is no order to keep and no query to spend.
            return;
        }
        List<UUID> orders = new ArrayList<>();
        List<UUID> checkouts = new ArrayList<>();
        for (EventEnvelope<?> reply : replies) {
            switch (reply.payload()) {
                case StockReserved reserved -> orders.add(reserved.orderId());
                case StockReservationRejected rejected -> orders.add(rejected.orderId());
                case CouponsLocked locked -> checkouts.add(locked.checkoutId());
                case CouponLockRejected rejected -> checkouts.add(rejected.checkoutId());
                default -> {
                }
            }
        }
        saga.lockInOrder(orders, checkouts);
    }

    private void apply(EventEnvelope<?> reply) {
        switch (reply.payload()) {
            case StockReserved reserved -> saga.stockReserved(reserved.orderId());
            case StockReservationRejected rejected -> saga.stockRejected(rejected.orderId(),
                    rejected.reason() + (rejected.skuId() == null ? "" : " for SKU " + rejected.skuId()));
            case CouponsLocked locked -> saga.couponsLocked(locked.checkoutId(), locked.discounts().stream()
                    .collect(Collectors.groupingBy(d -> d.orderId(), Collectors.summingLong(d -> d.amount().minor()))));
            case CouponLockRejected rejected -> saga.couponsRejected(rejected.checkoutId(),
                    rejected.reason() + (rejected.code() == null ? "" : " for coupon " + rejected.code()));
            default -> throw new IllegalStateException("not a reply the saga moves on: " + reply.type());
        }
    }

}
