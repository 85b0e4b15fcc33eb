package io.singlesday.contracts.coupons;

import io.singlesday.contracts.Money;

import java.time.Instant;
import java.util.UUID;

/**
 * A coupon landed in a shopper's wallet. Enough for the order service to price a checkout with it locally: the
 * coupon service still confirms, during the saga, that it is unused.
 *
 * <p>{@code stepped}: the discount repeats for every full threshold ("50 off every 300"); otherwise it applies
 * once when the threshold is reached. A PRODUCT coupon counts only that product's lines, a STORE coupon that
 * store's lines (after product coupons); a PLATFORM voucher counts what is left of the whole checkout.
 */
public record CouponIssued(String code, UUID campaignId, String shopperId, Scope scope, UUID storeId, UUID productId,
                           Money threshold, Money discount, boolean stepped, Instant redeemFrom, Instant redeemUntil,
                           Instant issuedAt) {

    public enum Scope { PLATFORM, STORE, PRODUCT }
}
