package io.singlesday.contracts.catalog;

import io.singlesday.contracts.Money;

import java.util.List;
import java.util.UUID;

/**
 * What another service needs to keep a local read model of a product: enough to put it in a cart, price it and
 * attribute its sales (brand, category, origin country) without calling the catalog.
 */
public record ProductSnapshot(UUID productId, UUID storeId, UUID brandId, String brandName, long categoryId,
                              String categoryName, String title, String originCountry, boolean crossBorder,
                              boolean listed, List<Sku> skus) {

    public ProductSnapshot {
        skus = List.copyOf(skus);
    }

    public record Sku(UUID skuId, String code, Money price, int available) {
    }
}
