package io.singlesday.contracts.promotions;

import io.singlesday.contracts.Money;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A time-bound price of the day ("11 products for only 11 hours"). It applies to a line whose SKU, category or
 * brand is targeted (an empty list targets nothing by that criterion) and, when {@code provinces} is not empty,
 * only to deliveries there. Exactly one of {@code price} (per unit) and {@code percentOff} is set; the shopper
 * pays the lower of the list price and the sale price, in festival time from {@code startsAt} until {@code endsAt}.
 */
public record FlashSaleScheduled(UUID promotionId, String title, List<UUID> skuIds, List<Long> categoryIds,
                                 List<UUID> brandIds, List<String> provinces, Money price, Integer percentOff,
                                 Instant startsAt, Instant endsAt) {

    public FlashSaleScheduled {
        skuIds = List.copyOf(skuIds);
        categoryIds = List.copyOf(categoryIds);
        brandIds = List.copyOf(brandIds);
        provinces = List.copyOf(provinces);
    }
}
