package io.singlesday.contracts.catalog;

import java.util.UUID;

/** Units that can still be reserved (stock minus what checkouts hold). */
public record StockLevelChanged(UUID skuId, UUID productId, int available) {
}
