package io.singlesday.order.wallet;

import io.singlesday.contracts.coupons.CouponIssued.Scope;
import io.singlesday.discounts.CouponTerms;

import java.time.Instant;
import java.util.UUID;

/** {@code productId} is set for a product coupon, which also names its store. */
public record WalletCoupon(String code, String shopperId, Scope scope, UUID storeId, UUID productId, long thresholdFen,
                           long discountFen, boolean stepped, Instant redeemFrom, Instant redeemUntil) {

    public boolean redeemableAt(Instant festivalNow) {
        return !festivalNow.isBefore(redeemFrom) && festivalNow.isBefore(redeemUntil);
    }

    /** What the shared stacking rules price. */
    public CouponTerms terms() {
        return new CouponTerms(code, CouponTerms.Scope.valueOf(scope.name()), storeId, productId, thresholdFen,
                discountFen, stepped);
    }
}
