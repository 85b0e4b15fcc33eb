package io.singlesday.contracts.catalog;

import io.singlesday.contracts.Money;

import java.time.Instant;
import java.util.UUID;

/** A brand in incubation reached its GMV target; its commission is lowered to {@code commissionBp} basis points. */
public record IncubationTargetReached(UUID brandId, Money gmv, Money target, Instant reachedAt, int commissionBp) {
}
