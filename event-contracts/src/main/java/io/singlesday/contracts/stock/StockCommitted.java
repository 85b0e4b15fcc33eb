package io.singlesday.contracts.stock;

import java.util.UUID;

public record StockCommitted(UUID orderId, int lines) {
}
