package io.singlesday.discounts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A basket's coupons applied: the discount of every line (in the basket's order and line order) and what each coupon
 * took off each order. Per order, the lines' discounts add up exactly to what the coupons took off it.
 */
public final class Discounted {

    /** {@code orderIndex} is the order's place in the basket; {@code discountFen} is positive. */
    public record Taken(String code, int orderIndex, long discountFen) {
    }

    private final long[][] lineDiscounts;
    private final List<Taken> taken;

    Discounted(long[][] lineDiscounts, List<Taken> taken) {
        this.lineDiscounts = lineDiscounts;
        this.taken = List.copyOf(taken);
    }

    public long lineDiscountFen(int order, int line) {
        return lineDiscounts[order][line];
    }

    public long orderDiscountFen(int order) {
        return java.util.Arrays.stream(lineDiscounts[order]).sum();
    }

    /** Per coupon and order, product coupons first, then store coupons by order, then the platform voucher by order. */
    public List<Taken> taken() {
        return taken;
    }

    /** Each coupon's whole discount, in the order the coupons were applied. */
    public Map<String, Long> byCoupon() {
        Map<String, Long> totals = new LinkedHashMap<>();
        taken.forEach(t -> totals.merge(t.code(), t.discountFen(), Long::sum));
        return totals;
    }
}
