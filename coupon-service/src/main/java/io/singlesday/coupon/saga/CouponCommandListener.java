package io.singlesday.coupon.saga;

import io.singlesday.contracts.topics.Topics;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.coupons.LockCoupons;
import io.singlesday.contracts.coupons.RedeemCoupons;
import io.singlesday.contracts.coupons.UnlockCoupons;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.platform.kafka.UnreadableEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Commands are idempotent in the ledger itself (recorded per checkout, conditional updates), not by event id. */
@Component
public class CouponCommandListener {

    private final CouponLedger ledger;
    private final EventCodec codec;

    public CouponCommandListener(CouponLedger ledger, EventCodec codec) {
        this.ledger = ledger;
        this.codec = codec;
    }

    @KafkaListener(id = "coupon-commands", groupId = "${spring.application.name}-commands", topics = Topics.Names.COUPONS_COMMANDS,
            concurrency = "${coupon.saga.consumers:2}")
    public void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<?> command = codec.decode(record.value());
        switch (command.payload()) {
            case LockCoupons lock -> {
                if (lock.codes().isEmpty() || lock.orders().isEmpty()) {
                    throw new UnreadableEventException("LockCoupons without codes or orders for checkout " + lock.checkoutId());
                }
                ledger.lock(lock.checkoutId(), lock.shopperId(), lock.codes(), lock.orders());
            }
            case RedeemCoupons redeem -> ledger.redeem(redeem.checkoutId());
            case UnlockCoupons unlock -> ledger.unlock(unlock.checkoutId());
            default -> throw new UnreadableEventException(command.type() + " is not a coupon command");
        }
    }
}
