package io.singlesday.contracts.stock;

import java.util.List;
import java.util.UUID;

public record StockReserved(UUID orderId, List<StockLine> lines) {

    public StockReserved {
        lines = List.copyOf(lines);
    }
}
