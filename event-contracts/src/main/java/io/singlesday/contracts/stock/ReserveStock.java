package io.singlesday.contracts.stock;

import java.util.List;
import java.util.UUID;

/** Command: hold these units for this order, all or none. Idempotent per order. */
public record ReserveStock(UUID orderId, List<StockLine> lines) {

    public ReserveStock {
        lines = List.copyOf(lines);
    }
}
