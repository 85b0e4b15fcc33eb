package io.singlesday.contracts.catalog;

import java.util.UUID;

public record ProductUnlisted(UUID productId, UUID brandId) {
}
