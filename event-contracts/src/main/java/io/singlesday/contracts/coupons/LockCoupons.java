package io.singlesday.contracts.coupons;

import java.util.List;
import java.util.UUID;

/** Command: hold these coupons of this shopper for this checkout, all or none. Idempotent per checkout. */
public record LockCoupons(UUID checkoutId, String shopperId, List<String> codes) {

    public LockCoupons {
        codes = List.copyOf(codes);
    }
}
