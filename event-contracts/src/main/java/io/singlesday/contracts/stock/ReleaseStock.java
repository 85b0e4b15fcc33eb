package io.singlesday.contracts.stock;

import java.util.UUID;

/** Command (compensation): give back whatever this order holds. A no-op for an order that holds nothing. */
public record ReleaseStock(UUID orderId, String reason) {
}
