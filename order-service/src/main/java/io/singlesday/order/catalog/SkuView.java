package io.singlesday.order.catalog;

import java.util.UUID;

/** A SKU as checkout sees it: what it costs and whom its sale is attributed to. */
public record SkuView(UUID skuId, UUID productId, UUID storeId, UUID brandId, long categoryId, String originCountry,
                      String title, long priceFen, String currency, boolean listed, boolean storeOpen) {

    public SkuView at(long salePriceFen) {
        return new SkuView(skuId, productId, storeId, brandId, categoryId, originCountry, title, salePriceFen, currency,
                listed, storeOpen);
    }
}
