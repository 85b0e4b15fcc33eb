package io.singlesday.contracts.coupons;

import io.singlesday.contracts.Money;

import java.util.List;
import java.util.UUID;

/** Everything is held; {@code discounts} is each coupon's exact discount on each order it applies to. */
public record CouponsLocked(UUID checkoutId, List<String> codes, List<OrderDiscount> discounts) {

    public CouponsLocked {
        codes = List.copyOf(codes);
        discounts = List.copyOf(discounts);
    }

    public record OrderDiscount(String code, UUID orderId, Money amount) {
    }
}
