package io.singlesday.contracts.stock;

import java.util.UUID;

/** Reply to a drop's {@link ReleaseUnsoldStock}: {@code units} went back to the shop (zero for a repeated command). */
public record DropStockReleased(UUID dropId, int units) {
}
