package io.singlesday.discounts;

import java.util.List;
import java.util.UUID;

/**
 * What coupons are counted against: a checkout's orders (one per store) in the order in which a platform voucher is
 * split over them, each with its lines at list price (flash-sale prices included). A line's {@code productId} may be
 * null for an amount that no product coupon can count (the coupon service sees only per-product sums).
 */
public record Basket(List<Order> orders) {

    public Basket {
        orders = List.copyOf(orders);
        if (orders.isEmpty()) {
            throw new IllegalArgumentException("a basket has at least one order");
        }
    }

    public record Order(UUID storeId, List<Line> lines) {
        public Order {
            lines = List.copyOf(lines);
        }

        public long listFen() {
            return lines.stream().mapToLong(Line::listFen).sum();
        }
    }

    public record Line(UUID productId, long listFen) {
        public Line {
            if (listFen < 0) {
                throw new IllegalArgumentException("a line's amount must not be negative");
            }
        }
    }
}
