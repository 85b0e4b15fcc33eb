package io.singlesday.order.wallet;

import io.singlesday.contracts.topics.Topics;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.coupons.CouponIssued;
import io.singlesday.platform.kafka.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/** Coupons in shoppers' wallets, so checkout prices them locally. Keyed by code: a redelivery inserts nothing. */
@Component
public class WalletReadModel {

    private final JdbcClient sql;
    private final EventCodec codec;

    public WalletReadModel(JdbcClient sql, EventCodec codec) {
        this.sql = sql;
        this.codec = codec;
    }

    @KafkaListener(id = "order-wallet-view", groupId = "${spring.application.name}-wallet-view", topics = Topics.Names.COUPONS_WALLET, concurrency = "${order.read-model.consumers:1}")
    public void on(ConsumerRecord<String, byte[]> record) {
        if (codec.decode(record.value()).payload() instanceof CouponIssued coupon) {
            sql.sql("""
                    insert into wallet_coupons (code, shopper_id, campaign_id, scope, store_id, product_id, threshold_fen,
                                                discount_fen, currency, stepped, redeem_from, redeem_until)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (code) do nothing""")
                    .params(coupon.code(), coupon.shopperId(), coupon.campaignId(), coupon.scope().name(), coupon.storeId(),
                            coupon.productId(),
                            coupon.threshold().minor(), coupon.discount().minor(), coupon.discount().currency(),
                            coupon.stepped(), Timestamp.from(coupon.redeemFrom()), Timestamp.from(coupon.redeemUntil()))
                    .update();
        }
    }
}
