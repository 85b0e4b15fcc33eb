package io.singlesday.contracts.stock;

import io.singlesday.contracts.stock.StockReservationRejected.Reason;

import java.util.UUID;

/** Reply to a livestream drop's {@link HoldDropStock}: nothing is held for it; {@code skuId} names the line that failed. */
public record DropStockRefused(UUID dropId, Reason reason, UUID skuId) {
}
