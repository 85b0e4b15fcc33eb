package io.singlesday.contracts.orders;

import java.time.Instant;
import java.util.UUID;

/** A shopper asked to be told when a product's flash sale starts, and it has started. */
public record ReminderTriggered(UUID reminderId, String shopperId, UUID productId, UUID promotionId, String title,
                                Instant startsAt) {
}
