package io.singlesday.contracts.stock;

import java.util.List;
import java.util.UUID;

/**
 * Command from a livestream drop: set these units aside for the drop, all or none, so its buyers take them from the
 * hold ({@link ReserveStockFromHold}) instead of racing for the shop's free stock. Idempotent per drop. The catalog
 * answers on the drops' own replies topic ({@link DropStockHeld}, {@link DropStockRefused}), so the order saga never
 * reads a drop's answer and the drops never read an order's.
 */
public record HoldDropStock(UUID dropId, List<StockLine> lines) {

    public HoldDropStock {
        lines = List.copyOf(lines);
    }
}
