package io.singlesday.contracts.coupons;

import java.util.UUID;

/** Command (compensation): give back what this checkout holds, and refuse any lock for it that arrives later. */
public record UnlockCoupons(UUID checkoutId, String reason) {
}
