package io.singlesday.contracts.coupons;

import java.util.UUID;

/** Command: the checkout is paid; the coupons it holds are used up. */
public record RedeemCoupons(UUID checkoutId) {
}
