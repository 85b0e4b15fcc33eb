package io.singlesday.contracts.stock;

import java.util.UUID;

/** Nothing is held for the order. {@code skuId} names the line that failed, when one did. */
public record StockReservationRejected(UUID orderId, Reason reason, UUID skuId) {

    /**
     * ORDER_RELEASED: the order was released (cancelled) before this reservation arrived. HOLD_EXHAUSTED: the hold
     * the order was to take its units from has fewer left (or is gone).
     */
    public enum Reason { INSUFFICIENT_STOCK, UNKNOWN_SKU, NOT_ON_SALE, INVALID_QUANTITY, ORDER_RELEASED, HOLD_EXHAUSTED }
}
