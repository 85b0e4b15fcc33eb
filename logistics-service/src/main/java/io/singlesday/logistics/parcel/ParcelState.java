package io.singlesday.logistics.parcel;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A parcel's way from the warehouse to the door. Only the listed moves exist: no skipping a step, no going
 * back, and a cancellation only before the parcel leaves the warehouse.
 */
public enum ParcelState {
    CREATED, PICKED, PACKED, DISPATCHED, CUSTOMS, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, CANCELLED;

    private static final Map<ParcelState, Set<ParcelState>> NEXT = Map.of(
            CREATED, EnumSet.of(PICKED, CANCELLED),
            PICKED, EnumSet.of(PACKED, CANCELLED),
            PACKED, EnumSet.of(DISPATCHED, CANCELLED),
            DISPATCHED, EnumSet.of(CUSTOMS, IN_TRANSIT),
            CUSTOMS, EnumSet.of(IN_TRANSIT),
            IN_TRANSIT, EnumSet.of(OUT_FOR_DELIVERY),
            OUT_FOR_DELIVERY, EnumSet.of(DELIVERED),
            DELIVERED, EnumSet.noneOf(ParcelState.class),
            CANCELLED, EnumSet.noneOf(ParcelState.class));

    public boolean canMoveTo(ParcelState next) {
        return NEXT.get(this).contains(next);
    }

    public ParcelState moveTo(ParcelState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("A parcel cannot go from " + this + " to " + next);
        }
        return next;
    }

    /** The step after this one on a route: cross-border parcels clear customs after dispatch, others do not. */
    public ParcelState nextOn(Route route) {
        return switch (this) {
            case CREATED -> PICKED;
            case PICKED -> PACKED;
            case PACKED -> DISPATCHED;
            case DISPATCHED -> route == Route.CROSS_BORDER ? CUSTOMS : IN_TRANSIT;
            case CUSTOMS -> IN_TRANSIT;
            case IN_TRANSIT -> OUT_FOR_DELIVERY;
            case OUT_FOR_DELIVERY -> DELIVERED;
            case DELIVERED, CANCELLED -> throw new IllegalStateException(this + " is final");
        };
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }

    public boolean beforeDispatch() {
        return this == CREATED || this == PICKED || this == PACKED;
    }
}
