package io.singlesday.contracts.stock;

import java.util.UUID;

/** Command: the order is paid; what it holds is sold. */
public record CommitStock(UUID orderId) {
}
