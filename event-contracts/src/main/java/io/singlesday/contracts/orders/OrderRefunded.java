package io.singlesday.contracts.orders;

import io.singlesday.contracts.Money;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A shopper returned units of a confirmed order and was refunded exactly what those units were charged (their share
 * of the line's paid amount, discounts apportioned). One event per refund; an order may have several, and
 * {@code orderFullyRefunded} says this one returned the last unit. {@code confirmedAt} places the refund against the
 * sale it reverses (a month's or an incubation's GMV); {@code refundedAt} is festival time. The headline GMV, as
 * announced, stays gross; counters that report net subtract {@code amount}.
 */
public record OrderRefunded(UUID refundId, UUID orderId, UUID checkoutId, String shopperId, UUID storeId, UUID brandId,
                            String livestreamId, Instant confirmedAt, Instant refundedAt, Money amount,
                            boolean orderFullyRefunded, List<Line> lines) {

    public OrderRefunded {
        lines = List.copyOf(lines);
    }

    /** Units of one line returned now, and what they gave back. */
    public record Line(int lineNo, UUID skuId, UUID productId, UUID brandId, long categoryId, int quantity, Money amount) {
    }
}
