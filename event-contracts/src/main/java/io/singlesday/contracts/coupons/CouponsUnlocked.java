package io.singlesday.contracts.coupons;

import java.util.UUID;

public record CouponsUnlocked(UUID checkoutId, int coupons) {
}
