package io.singlesday.order.saga;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An order's life. Only the listed moves exist: a placed order cannot jump to delivered, a cancelled one never
 * comes back. Shipping states are here so logistics can move a confirmed order on. A paid order (confirmed, shipped
 * or delivered) becomes REFUNDED when its last unit is returned; a partial return leaves its state as it was.
 */
public enum OrderState {
    PLACED, RESERVED, CONFIRMED, CANCELLED, SHIPPED, DELIVERED, REFUNDED;

    private static final Map<OrderState, Set<OrderState>> NEXT = Map.of(
            PLACED, EnumSet.of(RESERVED, CANCELLED),
            RESERVED, EnumSet.of(CONFIRMED, CANCELLED),
            CONFIRMED, EnumSet.of(SHIPPED, REFUNDED),
            SHIPPED, EnumSet.of(DELIVERED, REFUNDED),
            CANCELLED, EnumSet.noneOf(OrderState.class),
            DELIVERED, EnumSet.of(REFUNDED),
            REFUNDED, EnumSet.noneOf(OrderState.class));

    public boolean canMoveTo(OrderState next) {
        return NEXT.get(this).contains(next);
    }

    public OrderState moveTo(OrderState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("An order cannot go from " + this + " to " + next);
        }
        return next;
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}
