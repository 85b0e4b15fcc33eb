package io.singlesday.contracts.coupons;

import java.util.UUID;

/** Nothing is held for the checkout; {@code code} names the coupon that failed, when one did. */
public record CouponLockRejected(UUID checkoutId, String code, Reason reason) {

    /**
     * CHECKOUT_RELEASED: the checkout was unlocked (cancelled) before this lock arrived. NOT_STACKABLE: more than
     * one platform voucher, or more than one coupon for a store or a product. WRONG_STORE / WRONG_PRODUCT: a
     * coupon for a store or product with no line in the checkout.
     */
    public enum Reason {
        UNKNOWN_COUPON, NOT_OWNER, ALREADY_USED, NOT_REDEEMABLE_NOW, CHECKOUT_RELEASED, THRESHOLD_NOT_REACHED,
        NOT_STACKABLE, WRONG_STORE, WRONG_PRODUCT
    }
}
