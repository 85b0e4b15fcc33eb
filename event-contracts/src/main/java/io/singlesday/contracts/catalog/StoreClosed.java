package io.singlesday.contracts.catalog;

import java.util.UUID;

public record StoreClosed(UUID storeId, UUID brandId, String reason) {
}
