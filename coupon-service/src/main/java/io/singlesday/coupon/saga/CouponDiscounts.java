package io.singlesday.coupon.saga;

import io.singlesday.contracts.Money;
import io.singlesday.contracts.coupons.CouponLockRejected.Reason;
import io.singlesday.contracts.coupons.CouponsLocked.OrderDiscount;
import io.singlesday.contracts.coupons.LockCoupons.OrderAmount;
import io.singlesday.discounts.Basket;
import io.singlesday.discounts.CouponRefused;
import io.singlesday.discounts.CouponTerms;
import io.singlesday.discounts.Discounts;

import java.util.ArrayList;
import java.util.List;

/**
 * What a checkout's coupons take off each of its orders, by the platform's one copy of the stacking rules
 * ({@link Discounts}, module discount-rules), which the order service prices with too: so both agree to the fen, and
 * the saga's cross-check of the two answers is a guard, not the only place a difference would show. An order is seen
 * as its per-product amounts plus whatever no product coupon counts.
 */
final class CouponDiscounts {

    private CouponDiscounts() {
    }

    /** A coupon refused for this checkout: by the ledger (unknown, not the shopper's, used) or by the rules. */
    static final class Refused extends RuntimeException {
        final String code;
        final Reason reason;

        Refused(String code, Reason reason) {
            super(reason + " " + code, null, false, false);
            this.code = code;
            this.reason = reason;
        }
    }

    static List<OrderDiscount> compute(List<CouponTerms> coupons, List<OrderAmount> orders) {
        String currency = orders.getFirst().amount().currency();
        Basket basket = new Basket(orders.stream().map(CouponDiscounts::asOrder).toList());
        try {
            return Discounts.apply(coupons, basket).taken().stream()
                    .map(t -> new OrderDiscount(t.code(), orders.get(t.orderIndex()).orderId(), new Money(t.discountFen(), currency)))
                    .toList();
        } catch (CouponRefused refused) {
            throw new Refused(refused.coupon().code(), switch (refused.reason()) {
                case NOT_STACKABLE -> Reason.NOT_STACKABLE;
                case WRONG_PRODUCT -> Reason.WRONG_PRODUCT;
                case WRONG_STORE -> Reason.WRONG_STORE;
                case THRESHOLD_NOT_REACHED -> Reason.THRESHOLD_NOT_REACHED;
            });
        }
    }

    private static Basket.Order asOrder(OrderAmount order) {
        List<Basket.Line> lines = new ArrayList<>();
        long counted = 0;
        for (var product : order.products()) {
            lines.add(new Basket.Line(product.productId(), product.amount().minor()));
            counted += product.amount().minor();
        }
        long rest = order.amount().minor() - counted;
        if (rest < 0) {
            throw new IllegalArgumentException("order " + order.orderId() + " lists more per product than in all");
        }
        if (rest > 0 || lines.isEmpty()) {
            lines.add(new Basket.Line(null, rest));
        }
        return new Basket.Order(order.storeId(), lines);
    }
}
