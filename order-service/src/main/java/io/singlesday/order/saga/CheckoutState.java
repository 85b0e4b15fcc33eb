package io.singlesday.order.saga;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The checkout saga's steps. AWAITING_PARTICIPANTS: stock and coupons asked for, in parallel. PAYING: everything
 * held, the payment provider asked. CONFIRMED and CANCELLED are final: a late or repeated reply finds nothing to
 * move.
 */
public enum CheckoutState {
    AWAITING_PARTICIPANTS, PAYING, CONFIRMED, CANCELLED;

    private static final Map<CheckoutState, Set<CheckoutState>> NEXT = Map.of(
            AWAITING_PARTICIPANTS, EnumSet.of(PAYING, CANCELLED),
            PAYING, EnumSet.of(CONFIRMED, CANCELLED),
            CONFIRMED, EnumSet.noneOf(CheckoutState.class),
            CANCELLED, EnumSet.noneOf(CheckoutState.class));

    public boolean canMoveTo(CheckoutState next) {
        return NEXT.get(this).contains(next);
    }

    public CheckoutState moveTo(CheckoutState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("A checkout cannot go from " + this + " to " + next);
        }
        return next;
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}
