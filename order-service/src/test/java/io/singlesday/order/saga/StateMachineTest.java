package io.singlesday.order.saga;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every pair of states, allowed or not: the tables below are the whole state machine. */
class StateMachineTest {

    @ParameterizedTest(name = "order {0} -> {1}: {2}")
    @CsvSource({
            "PLACED,RESERVED,true", "PLACED,CANCELLED,true", "PLACED,CONFIRMED,false", "PLACED,SHIPPED,false",
            "PLACED,DELIVERED,false", "PLACED,PLACED,false",
            "RESERVED,CONFIRMED,true", "RESERVED,CANCELLED,true", "RESERVED,PLACED,false", "RESERVED,SHIPPED,false",
            "RESERVED,DELIVERED,false", "RESERVED,RESERVED,false",
            "CONFIRMED,SHIPPED,true", "CONFIRMED,CANCELLED,false", "CONFIRMED,DELIVERED,false", "CONFIRMED,PLACED,false",
            "CONFIRMED,RESERVED,false", "CONFIRMED,CONFIRMED,false",
            "SHIPPED,DELIVERED,true", "SHIPPED,CONFIRMED,false", "SHIPPED,CANCELLED,false", "SHIPPED,PLACED,false",
            "SHIPPED,RESERVED,false", "SHIPPED,SHIPPED,false",
            "CANCELLED,PLACED,false", "CANCELLED,RESERVED,false", "CANCELLED,CONFIRMED,false", "CANCELLED,SHIPPED,false",
            "CANCELLED,DELIVERED,false", "CANCELLED,CANCELLED,false",
            "DELIVERED,PLACED,false", "DELIVERED,RESERVED,false", "DELIVERED,CONFIRMED,false", "DELIVERED,SHIPPED,false",
            "DELIVERED,CANCELLED,false", "DELIVERED,DELIVERED,false",
            "CONFIRMED,REFUNDED,true", "SHIPPED,REFUNDED,true", "DELIVERED,REFUNDED,true", "PLACED,REFUNDED,false",
            "RESERVED,REFUNDED,false", "CANCELLED,REFUNDED,false", "REFUNDED,REFUNDED,false", "REFUNDED,PLACED,false",
            "REFUNDED,RESERVED,false", "REFUNDED,CONFIRMED,false", "REFUNDED,CANCELLED,false", "REFUNDED,SHIPPED,false",
            "REFUNDED,DELIVERED,false"})
    void orderTransitions(OrderState from, OrderState to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
        if (allowed) {
            assertThat(from.moveTo(to)).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> from.moveTo(to)).isInstanceOf(IllegalStateException.class).hasMessageContaining(from.name());
        }
    }

    @ParameterizedTest(name = "checkout {0} -> {1}: {2}")
    @CsvSource({
            "AWAITING_PARTICIPANTS,PAYING,true", "AWAITING_PARTICIPANTS,CANCELLED,true",
            "AWAITING_PARTICIPANTS,CONFIRMED,false", "AWAITING_PARTICIPANTS,AWAITING_PARTICIPANTS,false",
            "PAYING,CONFIRMED,true", "PAYING,CANCELLED,true", "PAYING,AWAITING_PARTICIPANTS,false", "PAYING,PAYING,false",
            "CONFIRMED,CANCELLED,false", "CONFIRMED,PAYING,false", "CONFIRMED,AWAITING_PARTICIPANTS,false",
            "CONFIRMED,CONFIRMED,false",
            "CANCELLED,CONFIRMED,false", "CANCELLED,PAYING,false", "CANCELLED,AWAITING_PARTICIPANTS,false",
            "CANCELLED,CANCELLED,false"})
    void checkoutTransitions(CheckoutState from, CheckoutState to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
        if (allowed) {
            assertThat(from.moveTo(to)).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> from.moveTo(to)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(to.isFinal()).isEqualTo(to == CheckoutState.CONFIRMED || to == CheckoutState.CANCELLED);
    }
}
