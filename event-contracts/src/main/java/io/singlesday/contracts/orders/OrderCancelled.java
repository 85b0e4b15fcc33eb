package io.singlesday.contracts.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order will not be fulfilled; every hold it had (stock, coupons) has been given back. {@code wasConfirmed}
 * is false for every cancellation today (only unpaid orders are cancelled); refunds of confirmed orders would
 * set it, and a counter must then subtract the order.
 */
public record OrderCancelled(UUID orderId, UUID checkoutId, String shopperId, UUID storeId, UUID brandId,
                             String livestreamId, Reason reason, String detail, Instant cancelledAt,
                             boolean wasConfirmed, List<OrderConfirmed.Line> lines) {

    public OrderCancelled {
        lines = List.copyOf(lines);
    }

    public enum Reason {
        STOCK_REJECTED, COUPON_REJECTED, PAYMENT_DECLINED, PARTICIPANT_TIMEOUT, SHOPPER_CANCELLED, STUCK
    }
}
