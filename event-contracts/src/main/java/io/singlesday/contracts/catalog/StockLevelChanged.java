package io.singlesday.contracts.catalog;

import java.util.UUID;

/**
 * Units that can still be reserved (stock minus what checkouts hold), announced when a shopper would see the level
 * change: at or below the catalog's low-stock mark before or after the change (only N left, sold out, back in
 * stock), and whenever a brand sets its stock. Changes among plenty are not announced.
 */
public record StockLevelChanged(UUID skuId, UUID productId, int available) {
}
