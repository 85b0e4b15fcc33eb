package io.singlesday.contracts.stock;

import java.util.List;
import java.util.UUID;

/**
 * Command: hold these units for this order by taking them from an existing hold ({@code holdId}, e.g. a
 * livestream drop's), not from the shop's free stock. Answered like {@link ReserveStock}; idempotent per order.
 */
public record ReserveStockFromHold(UUID orderId, UUID holdId, List<StockLine> lines) {

    public ReserveStockFromHold {
        lines = List.copyOf(lines);
    }
}
