package io.singlesday.logistics.parcel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParcelStateTest {

    /** The only moves there are; every other pair must be refused. */
    private static final Map<ParcelState, Set<ParcelState>> ALLOWED = Map.of(
            ParcelState.CREATED, EnumSet.of(ParcelState.PICKED, ParcelState.CANCELLED),
            ParcelState.PICKED, EnumSet.of(ParcelState.PACKED, ParcelState.CANCELLED),
            ParcelState.PACKED, EnumSet.of(ParcelState.DISPATCHED, ParcelState.CANCELLED),
            ParcelState.DISPATCHED, EnumSet.of(ParcelState.CUSTOMS, ParcelState.IN_TRANSIT),
            ParcelState.CUSTOMS, EnumSet.of(ParcelState.IN_TRANSIT),
            ParcelState.IN_TRANSIT, EnumSet.of(ParcelState.OUT_FOR_DELIVERY),
            ParcelState.OUT_FOR_DELIVERY, EnumSet.of(ParcelState.DELIVERED),
            ParcelState.DELIVERED, EnumSet.noneOf(ParcelState.class),
            ParcelState.CANCELLED, EnumSet.noneOf(ParcelState.class));

    static Stream<Arguments> everyPair() {
        return Stream.of(ParcelState.values()).flatMap(from -> Stream.of(ParcelState.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void onlyTheListedMovesAreAllowed(ParcelState from, ParcelState to) {
        boolean allowed = ALLOWED.get(from).contains(to);
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
        if (allowed) {
            assertThat(from.moveTo(to)).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> from.moveTo(to)).isInstanceOf(IllegalStateException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void eachRouteWalksEveryStepToDeliveredAndOnlyCrossBorderPassesCustoms(Route route) {
        ParcelState state = ParcelState.CREATED;
        StringBuilder path = new StringBuilder(state.name());
        while (!state.isFinal()) {
            ParcelState next = state.nextOn(route);
            assertThat(state.canMoveTo(next)).isTrue();
            state = next;
            path.append(' ').append(state);
        }
        assertThat(state).isEqualTo(ParcelState.DELIVERED);
        assertThat(path.toString()).isEqualTo(route == Route.CROSS_BORDER
                ? "CREATED PICKED PACKED DISPATCHED CUSTOMS IN_TRANSIT OUT_FOR_DELIVERY DELIVERED"
                : "CREATED PICKED PACKED DISPATCHED IN_TRANSIT OUT_FOR_DELIVERY DELIVERED");
    }
}
