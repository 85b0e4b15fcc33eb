package io.singlesday.coupon.campaign;

import io.singlesday.contracts.coupons.CouponIssued.Scope;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/**
 * A coupon campaign: a platform voucher, a store coupon, or a product coupon ({@code productId}, in its store).
 * Times are festival time: typically collected in the days before and redeemed on 11.11 only.
 * {@code stepped}: the discount repeats for every full threshold ("50 off every 300").
 */
public record CampaignRequest(@NotNull Scope scope, UUID storeId, UUID productId, @NotBlank @Size(max = 120) String title,
                              @Min(0) long thresholdFen, @Min(value = 1, message = "must take at least 1 fen off") long discountFen,
                              boolean stepped,
                              @Min(value = 1, message = "must issue at least one coupon") @Max(100_000_000) int totalStock,
                              @Min(1) @Max(100) int perShopper,
                              @NotNull Instant claimFrom, @NotNull Instant claimUntil,
                              @NotNull Instant redeemFrom, @NotNull Instant redeemUntil) {
}
