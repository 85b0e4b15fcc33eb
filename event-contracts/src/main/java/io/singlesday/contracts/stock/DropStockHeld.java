package io.singlesday.contracts.stock;

import java.util.List;
import java.util.UUID;

/** Reply to a livestream drop's {@link HoldDropStock}: these units are set aside for the drop. */
public record DropStockHeld(UUID dropId, List<StockLine> lines) {

    public DropStockHeld {
        lines = List.copyOf(lines);
    }
}
