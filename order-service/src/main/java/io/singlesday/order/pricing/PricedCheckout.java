package io.singlesday.order.pricing;

import io.singlesday.order.catalog.SkuView;

import java.util.List;
import java.util.UUID;

/** A checkout priced to the fen: one order per store, each line with its list price, discount and paid amount. */
public record PricedCheckout(List<Order> orders, List<AppliedCoupon> coupons, String currency) {

    public long payableFen() {
        return orders.stream().mapToLong(Order::paidFen).sum();
    }

    public record Order(UUID storeId, UUID brandId, List<Line> lines) {
        public long listFen() {
            return lines.stream().mapToLong(Line::listFen).sum();
        }

        public long discountFen() {
            return lines.stream().mapToLong(Line::discountFen).sum();
        }

        public long paidFen() {
            return listFen() - discountFen();
        }
    }

    public record Line(SkuView sku, int quantity, long listFen, long discountFen, UUID promotionId) {
        public long paidFen() {
            return listFen - discountFen;
        }
    }

    /** {@code storeId} is null for a platform voucher. */
    public record AppliedCoupon(String code, UUID storeId, long discountFen) {
    }
}
