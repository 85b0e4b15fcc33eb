package io.singlesday.discounts;

/**
 * A coupon the stacking rules do not allow on this basket. {@code eligibleFen} is what the basket counted towards the
 * coupon's threshold (only meaningful for {@link Reason#THRESHOLD_NOT_REACHED}). Thrown often on a busy day, so it
 * keeps no stack trace.
 */
public final class CouponRefused extends RuntimeException {

    public enum Reason {
        /** A second coupon where one is allowed: per product, per store, or a second platform voucher. */
        NOT_STACKABLE,
        /** A product coupon whose product has no line in the basket. */
        WRONG_PRODUCT,
        /** A store coupon whose store has no order in the basket. */
        WRONG_STORE,
        /** What the basket counts towards the coupon is below its threshold (or nothing is left to discount). */
        THRESHOLD_NOT_REACHED
    }

    private final transient CouponTerms coupon;
    private final Reason reason;
    private final long eligibleFen;

    CouponRefused(CouponTerms coupon, Reason reason, long eligibleFen) {
        super(reason + " " + coupon.code(), null, false, false);
        this.coupon = coupon;
        this.reason = reason;
        this.eligibleFen = eligibleFen;
    }

    public CouponTerms coupon() {
        return coupon;
    }

    public Reason reason() {
        return reason;
    }

    public long eligibleFen() {
        return eligibleFen;
    }
}
