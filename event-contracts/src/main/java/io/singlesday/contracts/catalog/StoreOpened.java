package io.singlesday.contracts.catalog;

import java.time.Instant;
import java.util.UUID;

public record StoreOpened(UUID storeId, UUID brandId, String name, String originCountry, boolean crossBorder,
                          Instant incubationEndsAt) {
}
