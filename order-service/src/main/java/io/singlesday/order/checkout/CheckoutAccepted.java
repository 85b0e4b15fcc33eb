package io.singlesday.order.checkout;

import java.util.UUID;

/** {@code replayed}: the idempotency key was seen before, and this is the checkout it created then. */
public record CheckoutAccepted(UUID checkoutId, boolean replayed) {
}
