package io.singlesday.contracts.stock;

import java.util.UUID;

public record StockLine(UUID skuId, int quantity) {
}
