package io.singlesday.contracts.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * A brand's store opened. {@code incubationEndsAt} ends the brand's 90-day incubation program; null for stores
 * that are not in it (the demo catalog's, for one).
 */
public record StoreOpened(UUID storeId, UUID brandId, String name, String originCountry, boolean crossBorder,
                          Instant incubationEndsAt) {
}
