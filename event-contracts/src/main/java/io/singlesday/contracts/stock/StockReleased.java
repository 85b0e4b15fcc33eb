package io.singlesday.contracts.stock;

import java.util.UUID;

public record StockReleased(UUID orderId, int lines) {
}
