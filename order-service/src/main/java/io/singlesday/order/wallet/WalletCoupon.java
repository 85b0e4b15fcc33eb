package io.singlesday.order.wallet;

import io.singlesday.contracts.coupons.CouponIssued.Scope;

import java.time.Instant;
import java.util.UUID;

/** {@code productId} is set for a product coupon, which also names its store. */
public record WalletCoupon(String code, String shopperId, Scope scope, UUID storeId, UUID productId, long thresholdFen,
                           long discountFen, boolean stepped, Instant redeemFrom, Instant redeemUntil) {

    public boolean redeemableAt(Instant festivalNow) {
        return !festivalNow.isBefore(redeemFrom) && festivalNow.isBefore(redeemUntil);
    }

    /** What this coupon takes off an eligible amount; never more than the amount itself. */
    public long discountOn(long eligibleFen) {
        if (eligibleFen < thresholdFen || eligibleFen <= 0) {
            return 0;
        }
        long times = stepped && thresholdFen > 0 ? eligibleFen / thresholdFen : 1;
        return Math.min(eligibleFen, Math.multiplyExact(times, discountFen));
    }
}
