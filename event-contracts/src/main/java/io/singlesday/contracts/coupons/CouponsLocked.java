package io.singlesday.contracts.coupons;

import java.util.List;
import java.util.UUID;

public record CouponsLocked(UUID checkoutId, List<String> codes) {

    public CouponsLocked {
        codes = List.copyOf(codes);
    }
}
