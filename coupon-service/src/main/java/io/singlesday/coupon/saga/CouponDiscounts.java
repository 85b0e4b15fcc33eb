package io.singlesday.coupon.saga;

import io.singlesday.contracts.Money;
import io.singlesday.contracts.coupons.CouponLockRejected.Reason;
import io.singlesday.contracts.coupons.CouponsLocked.OrderDiscount;
import io.singlesday.contracts.coupons.LockCoupons;
import io.singlesday.contracts.coupons.LockCoupons.OrderAmount;
import io.singlesday.platform.money.Apportion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a checkout's coupons take off each of its orders. The rules the coupon service owns: at most one product
 * coupon per product, on that product's amount; at most one store coupon per store, on what product coupons
 * leave of that store's order; at most one platform voucher, on what the others leave of the whole checkout, split over the orders in the order given by largest remainder (the same split the order
 * service makes, so both agree to the fen).
 */
final class CouponDiscounts {

    private CouponDiscounts() {
    }

    /** {@code productId} is set for a product coupon (which also names its store), null otherwise. */
    record Rule(String code, boolean platform, UUID storeId, UUID productId, long thresholdFen, long discountFen,
                boolean stepped) {
        long discountOn(long eligibleFen) {
            if (eligibleFen <= 0 || eligibleFen < thresholdFen) {
                return 0;
            }
            long times = stepped && thresholdFen > 0 ? eligibleFen / thresholdFen : 1;
            return Math.min(eligibleFen, Math.multiplyExact(times, discountFen));
        }
    }

    static final class Refused extends RuntimeException {
        final String code;
        final Reason reason;

        Refused(String code, Reason reason) {
            super(reason + " " + code, null, false, false);
            this.code = code;
            this.reason = reason;
        }
    }

    static List<OrderDiscount> compute(List<Rule> coupons, List<OrderAmount> orders) {
        String currency = orders.getFirst().amount().currency();
        long[] left = orders.stream().mapToLong(o -> o.amount().minor()).toArray();
        List<OrderDiscount> discounts = new ArrayList<>();
        Map<UUID, String> storeTaken = new HashMap<>();
        Map<UUID, String> productTaken = new HashMap<>();
        for (Rule coupon : coupons.stream().filter(c -> c.productId() != null).toList()) {
            if (productTaken.putIfAbsent(coupon.productId(), coupon.code()) != null) {
                throw new Refused(coupon.code(), Reason.NOT_STACKABLE);
            }
            int o = -1;
            long productAmount = 0;
            for (int i = 0; i < orders.size() && o < 0; i++) {
                for (LockCoupons.ProductAmount p : orders.get(i).products()) {
                    if (p.productId().equals(coupon.productId())) {
                        o = i;
                        productAmount = p.amount().minor();
                    }
                }
            }
            if (o < 0) {
                throw new Refused(coupon.code(), Reason.WRONG_PRODUCT);
            }
            long off = coupon.discountOn(productAmount);
            if (off == 0) {
                throw new Refused(coupon.code(), Reason.THRESHOLD_NOT_REACHED);
            }
            left[o] -= off;
            discounts.add(new OrderDiscount(coupon.code(), orders.get(o).orderId(), new Money(off, currency)));
        }
        Rule platform = null;
        for (Rule coupon : coupons.stream().filter(c -> c.productId() == null).toList()) {
            if (coupon.platform()) {
                if (platform != null) {
                    throw new Refused(coupon.code(), Reason.NOT_STACKABLE);
                }
                platform = coupon;
                continue;
            }
            if (storeTaken.putIfAbsent(coupon.storeId(), coupon.code()) != null) {
                throw new Refused(coupon.code(), Reason.NOT_STACKABLE);
            }
            int o = indexOfStore(orders, coupon.storeId());
            if (o < 0) {
                throw new Refused(coupon.code(), Reason.WRONG_STORE);
            }
            long off = coupon.discountOn(left[o]);
            if (off == 0) {
                throw new Refused(coupon.code(), Reason.THRESHOLD_NOT_REACHED);
            }
            left[o] -= off;
            discounts.add(new OrderDiscount(coupon.code(), orders.get(o).orderId(), new Money(off, currency)));
        }
        if (platform != null) {
            long off = platform.discountOn(java.util.Arrays.stream(left).sum());
            if (off == 0) {
                throw new Refused(platform.code(), Reason.THRESHOLD_NOT_REACHED);
            }
            long[] shares = Apportion.split(off, left);
            for (int o = 0; o < shares.length; o++) {
                if (shares[o] > 0) {
                    discounts.add(new OrderDiscount(platform.code(), orders.get(o).orderId(), new Money(shares[o], currency)));
                }
            }
        }
        return discounts;
    }

    private static int indexOfStore(List<OrderAmount> orders, UUID storeId) {
        for (int i = 0; i < orders.size(); i++) {
            if (orders.get(i).storeId().equals(storeId)) {
                return i;
            }
        }
        return -1;
    }
}
