package io.singlesday.contracts.coupons;

import io.singlesday.contracts.Money;

import java.util.List;
import java.util.UUID;

/**
 * Command: hold these coupons of this shopper for this checkout, all or none, and say what each takes off each
 * order. {@code orders} lists every order of the checkout with its amount before coupons (flash-sale prices
 * included), in the order in which platform vouchers are split over them. Idempotent per checkout.
 */
public record LockCoupons(UUID checkoutId, String shopperId, List<String> codes, List<OrderAmount> orders) {

    public LockCoupons {
        codes = List.copyOf(codes);
        orders = List.copyOf(orders);
    }

    /** {@code products}: the order's amount per product, for product coupons. */
    public record OrderAmount(UUID orderId, UUID storeId, Money amount, List<ProductAmount> products) {
        public OrderAmount {
            products = List.copyOf(products);
        }
    }

    public record ProductAmount(UUID productId, Money amount) {
    }
}
