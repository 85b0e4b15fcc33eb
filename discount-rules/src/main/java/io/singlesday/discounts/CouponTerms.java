package io.singlesday.discounts;

import java.util.Objects;
import java.util.UUID;

/**
 * What one coupon promises, enough to price it: its scope, the store or product it belongs to, and "X off a spend of
 * at least Y" (once, or for every full Y when stepped). A product coupon names its product and its store; a store
 * coupon its store; a platform voucher neither.
 */
public record CouponTerms(String code, Scope scope, UUID storeId, UUID productId, long thresholdFen, long discountFen,
                          boolean stepped) {

    public enum Scope { PRODUCT, STORE, PLATFORM }

    public CouponTerms {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(scope, "scope");
        if (thresholdFen < 0 || discountFen < 0) {
            throw new IllegalArgumentException("coupon " + code + ": threshold and discount must not be negative");
        }
        if (scope == Scope.PRODUCT && productId == null) {
            throw new IllegalArgumentException("product coupon " + code + " names no product");
        }
        if (scope == Scope.STORE && storeId == null) {
            throw new IllegalArgumentException("store coupon " + code + " names no store");
        }
    }

    /** What this coupon takes off an eligible amount; never more than the amount itself, 0 below the threshold. */
    public long discountOn(long eligibleFen) {
        if (eligibleFen <= 0 || eligibleFen < thresholdFen) {
            return 0;
        }
        long times = stepped && thresholdFen > 0 ? eligibleFen / thresholdFen : 1;
        return Math.min(eligibleFen, Math.multiplyExact(times, discountFen));
    }
}
