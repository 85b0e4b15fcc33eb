package io.singlesday.contracts.coupons;

import java.util.UUID;

public record CouponsRedeemed(UUID checkoutId, int coupons) {
}
