package io.singlesday.contracts.stock;

import java.util.UUID;

/**
 * Command: the hold {@code holdId} has sold {@code unitsSold} in all; keep what those sales still need and give the
 * rest back to the shop. Stated as a total rather than an amount to release, so a repeated command releases nothing
 * more and sales still on their way to the hold keep their units.
 */
public record ReleaseUnsoldStock(UUID holdId, int unitsSold) {
}
