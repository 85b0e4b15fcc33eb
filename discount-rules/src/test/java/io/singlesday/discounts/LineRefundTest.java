package io.singlesday.discounts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineRefundTest {

    @ParameterizedTest(name = "{0} fen over {1} units, {2} returned before, {3} now -> {4}")
    @CsvSource({
            "10000, 1, 0, 1, 10000",
            "10001, 3, 0, 1, 3334",  // the odd fen go to the first units
            "10001, 3, 1, 1, 3334",
            "10001, 3, 2, 1, 3333",
            "10001, 3, 0, 3, 10001",
            "10001, 3, 1, 2, 6667",
            "5, 7, 4, 3, 1",
            "0, 2, 0, 2, 0",
    })
    void splitsTheLinesPaidAmountOverItsUnits(long paid, int quantity, int before, int now, long expected) {
        assertThat(LineRefund.amountFen(paid, quantity, before, now)).isEqualTo(expected);
    }

    @Test
    void returningEveryUnitInAnyStepsGivesBackExactlyWhatTheLinePaid() {
        Random random = new Random(11);
        for (int round = 0; round < 2_000; round++) {
            int quantity = 1 + random.nextInt(12);
            long paid = random.nextLong(5_000_000);
            long back = 0;
            int returned = 0;
            while (returned < quantity) {
                int now = 1 + random.nextInt(quantity - returned);
                long part = LineRefund.amountFen(paid, quantity, returned, now);
                assertThat(part).isBetween(now * (paid / quantity), now * (paid / quantity + 1));
                back += part;
                returned += now;
            }
            assertThat(back).isEqualTo(paid);
        }
    }

    @Test
    void refusesToReturnMoreUnitsThanTheLineHas() {
        assertThatThrownBy(() -> LineRefund.amountFen(100, 2, 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LineRefund.amountFen(100, 2, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
