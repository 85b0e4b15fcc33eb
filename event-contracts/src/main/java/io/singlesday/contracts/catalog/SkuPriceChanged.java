package io.singlesday.contracts.catalog;

import io.singlesday.contracts.Money;

import java.util.UUID;

public record SkuPriceChanged(UUID skuId, UUID productId, Money previous, Money price) {
}
