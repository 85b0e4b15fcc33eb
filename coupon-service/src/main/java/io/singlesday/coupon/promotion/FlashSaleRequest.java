package io.singlesday.coupon.promotion;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A flash sale: targets (SKUs, categories, brands), optional provinces, and a unit price or a percentage off.
 * {@code kind} MYSTERY_PRICE masks the price's middle digits until {@code revealAt} (the real price applies at
 * checkout all along); N_FOR_N ("11 products for only 11 hours") needs as many SKUs as the sale lasts hours.
 */
public record FlashSaleRequest(Kind kind, @NotBlank @Size(max = 120) String title,
                               @Size(max = 500) List<@NotNull UUID> skuIds,
                               @Size(max = 100) List<@NotNull Long> categoryIds,
                               @Size(max = 100) List<@NotNull UUID> brandIds,
                               @Size(max = 34) List<@NotBlank String> provinces,
                               @Min(value = 1, message = "must be at least 1 fen") Long priceFen,
                               @Min(1) @Max(99) Integer percentOff,
                               @NotNull Instant startsAt, @NotNull Instant endsAt, Instant revealAt) {

    public enum Kind { FLASH_SALE, MYSTERY_PRICE, N_FOR_N }

    public FlashSaleRequest {
        kind = kind == null ? Kind.FLASH_SALE : kind;
        skuIds = skuIds == null ? List.of() : skuIds;
        categoryIds = categoryIds == null ? List.of() : categoryIds;
        brandIds = brandIds == null ? List.of() : brandIds;
        provinces = provinces == null ? List.of() : provinces;
    }
}
