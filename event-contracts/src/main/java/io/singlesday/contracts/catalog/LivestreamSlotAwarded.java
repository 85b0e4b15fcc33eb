package io.singlesday.contracts.catalog;

import io.singlesday.contracts.Money;

import java.util.UUID;

/**
 * On the 21st of a month the best incubation brands of the month before win a livestream campaign; the
 * livestream service schedules a session for each. {@code month} is YYYY-MM of the month that was measured.
 */
public record LivestreamSlotAwarded(UUID brandId, String brandName, String month, int rank, Money gmvThatMonth) {
}
