package io.singlesday.contracts.promotions;

import java.util.UUID;

/** The sale no longer applies to checkouts placed from now on. */
public record FlashSaleWithdrawn(UUID promotionId, String reason) {
}
