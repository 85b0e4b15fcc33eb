package io.singlesday.contracts.logistics;

import java.time.Instant;
import java.util.UUID;

/**
 * A parcel moved one step on its way (CREATED, PICKED, PACKED, DISPATCHED, CUSTOMS, IN_TRANSIT, OUT_FOR_DELIVERY,
 * DELIVERED, or CANCELLED before dispatch). {@code route} is STANDARD, CROSS_BORDER or HYPERLOCAL; {@code origin}
 * the warehouse or Hema store it leaves from; {@code promisedBy} what the shopper was promised.
 */
public record ParcelStateChanged(UUID parcelId, UUID orderId, String shopperId, String state, String route,
                                 String origin, String carrier, String province, Instant at, Instant promisedBy) {
}
